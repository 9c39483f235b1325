enum LoopMCPPlaceholder {}
