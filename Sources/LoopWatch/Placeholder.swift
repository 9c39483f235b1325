enum LoopWatchPlaceholder {}
