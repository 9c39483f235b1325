#if canImport(Glibc)
import Glibc
#endif
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
/// What is hooked (the runtime's public hook variables, as swift-nio's
/// `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`
/// does for the first): `swift_task_enqueueGlobal_hook` (every task job), and
/// `swift_task_enqueueGlobalWithDelay_hook` and
/// `swift_task_enqueueGlobalWithDeadline_hook` for whatever still schedules
/// delayed jobs through the runtime's C entry points; those become NIO
/// scheduled tasks that enqueue the job when due. `Task.sleep` itself no
/// longer goes through them (Swift 6.2 and later), hence `EventLoopSleep`.
///
/// Call ``install()`` first thing in a synchronous `main`, before any task,
/// `await` or main-actor work exists, and do not use the main actor afterwards
/// (`dispatch_main` would hand the main queue to the worker pool).
public enum EventLoopConcurrency {
    /// Installs the hooks. Returns false when the runtime does not export them
    /// (then everything keeps running on libdispatch, as before).
    @discardableResult
    public static func install() -> Bool {
        guard NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() else {
            return false
        }
        let process = dlopen(nil, RTLD_NOW)
        if let variable = dlsym(process, "swift_task_enqueueGlobalWithDelay_hook") {
            withUnsafeTemporaryAllocation(of: DelayHook.self, capacity: 1) { storage in
                storage.baseAddress!.initialize(to: { delay, job, _ in
                    EventLoopConcurrency.enqueue(job, afterNanoseconds: delay)
                })
                store(storage.baseAddress!, in: variable)
            }
        }
        if let variable = dlsym(process, "swift_task_enqueueGlobalWithDeadline_hook") {
            withUnsafeTemporaryAllocation(of: DeadlineHook.self, capacity: 1) { storage in
                storage.baseAddress!.initialize(to: { seconds, nanoseconds, _, _, clock, job, _ in
                    EventLoopConcurrency.enqueue(
                        job, afterNanoseconds: EventLoopConcurrency.nanosecondsUntil(
                            seconds: seconds, nanoseconds: nanoseconds, clock: clock))
                })
                store(storage.baseAddress!, in: variable)
            }
        }
        return true
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

    // The hooks' C types (swift/Runtime/Concurrency.h), in the Swift calling
    // convention, which `@convention(thin)` functions use. The last argument
    // is the runtime's own implementation, which is deliberately not called.
    private typealias DelayOriginal = @convention(thin) (UInt64, UnownedJob) -> Void
    private typealias DelayHook = @convention(thin) (UInt64, UnownedJob, DelayOriginal) -> Void
    private typealias DeadlineOriginal = @convention(thin) (Int64, Int64, Int64, Int64, Int32, UnownedJob) -> Void
    private typealias DeadlineHook =
        @convention(thin) (Int64, Int64, Int64, Int64, Int32, UnownedJob, DeadlineOriginal) -> Void

    /// Copies the thin function at `hook` (one code pointer) into the runtime's
    /// hook variable. Swift cannot form an optional thin function value, so it
    /// goes through a raw pointer, as NIO's installer does.
    private static func store<Hook>(_ hook: UnsafeMutablePointer<Hook>, in variable: UnsafeMutableRawPointer) {
        hook.withMemoryRebound(to: UnsafeRawPointer.self, capacity: 1) { code in
            variable.assumingMemoryBound(to: UnsafeRawPointer?.self).pointee = code.pointee
        }
    }

    fileprivate static func enqueue(_ job: UnownedJob, afterNanoseconds delay: UInt64) {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let wait = TimeAmount.nanoseconds(Int64(clamping: delay))
        loop.scheduleTask(in: wait) { loop.executor.enqueue(job) }
    }

    /// The runtime's clock ids: 1 is `ContinuousClock` (CLOCK_BOOTTIME on
    /// Linux), 2 is `SuspendingClock` (CLOCK_MONOTONIC). NIO's deadlines count
    /// CLOCK_MONOTONIC, so the deadline is turned into a wait from now.
    fileprivate static func nanosecondsUntil(seconds: Int64, nanoseconds: Int64, clock: Int32) -> UInt64 {
        var now = timespec()
        clock_gettime(clock == 1 ? CLOCK_BOOTTIME : CLOCK_MONOTONIC, &now)
        let wholeSeconds = seconds - Int64(now.tv_sec)
        // Centuries away counts as forever; never overflow inside a runtime hook.
        guard wholeSeconds < Int64.max / 1_000_000_000 - 1 else { return UInt64(Int64.max) }
        let remaining = wholeSeconds * 1_000_000_000 + (nanoseconds - Int64(now.tv_nsec))
        return remaining > 0 ? UInt64(remaining) : 0
    }
}
