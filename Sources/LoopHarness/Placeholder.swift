enum LoopHarnessPlaceholder {}
