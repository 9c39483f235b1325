import LoopHub
enum LoopHubPostgresPlaceholder {}
