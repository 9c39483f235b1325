enum LoopHubPlaceholder {}
