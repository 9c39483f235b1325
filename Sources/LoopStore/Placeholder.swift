enum LoopStorePlaceholder {}
