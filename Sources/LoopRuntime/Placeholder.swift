enum LoopRuntimePlaceholder {}
