import NIOCore
import NIOPosix

/// Runs Swift concurrency on swift-nio's event loops instead of libdispatch's
/// worker pool, so an idle `loopd` has no timer that fires.
///
/// Why: on Linux, the first libdispatch worker thread of a global concurrent
/// queue starts the pool's monitor, a 1 s repeating timer on dispatch's
/// manager thread (`_dispatch_workq_init_once` in swift-corelibs-libdispatch
/// `src/event/workqueue.c`) that never stops. Swift concurrency's default
/// executor runs every job on those workers, and an async `main`'s main queue
/// ends up there too. NIO's event loops wait in `epoll_wait` without a timeout
/// when they have nothing to do.
///
/// Only the runtime's `swift_task_enqueueGlobal_hook` is set, by swift-nio's
/// `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`.
/// Timers are not hooked: since Swift 6.2 no sleep API reaches the runtime's
/// delay and deadline hooks (checked on 6.3: `Task.sleep(nanoseconds:)`,
/// `Task.sleep(for:)` and both clocks' `sleep` go to the default executor's
/// own `dispatch_after`), hence `EventLoopSleep`.
///
/// Call ``install()`` first thing in a synchronous `main`, before any task,
/// `await` or main-actor work exists, and do not use the main actor afterwards
/// (`dispatch_main` would hand the main queue to the worker pool).
public enum EventLoopConcurrency {
    /// Installs the hook. Returns false when the runtime does not offer it
    /// (then everything keeps running on libdispatch, as before).
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Runs `body` as a task and blocks the calling (main) thread until it ends,
    /// instead of an async `main`, whose main queue libdispatch drains on its
    /// worker pool once the main thread parks in `dispatch_main`.
    public static func runBlocking<Result: Sendable>(
        _ body: @escaping @Sendable () async throws -> Result
    ) throws -> Result {
        let promise = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Result.self)
        promise.completeWithTask(body)
        return try promise.futureResult.wait()
    }
}
