using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Activation;

/// <summary>
/// Runs an activation's work one item at a time on the thread pool. It is the activation's synchronization context,
/// so every await inside grain code resumes here: grain code never runs on two threads at once, whichever request
/// or timer it belongs to. A caller may also run an idle activation's work inline on its own thread, which saves a
/// thread hop for calls that complete synchronously.
/// </summary>
internal sealed partial class ActivationScheduler(ILogger logger, GrainId grain) : SynchronizationContext, IThreadPoolWorkItem
{
    // Yield the thread after this many items so one busy activation cannot starve the pool's queue.
    private const int ItemsPerSlice = 64;

    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _items = new();
    private bool _busy;

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (_gate)
        {
            _items.Enqueue((d, state));
            schedule = !_busy;
            _busy = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own activation's scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Claims the scheduler for the calling thread if nothing else is running or queued on it.</summary>
    public bool TryEnterInline()
    {
        lock (_gate)
        {
            if (_busy)
            {
                return false;
            }

            _busy = true;
            return true;
        }
    }

    /// <summary>Releases an inline claim; work queued meanwhile is handed to the thread pool.</summary>
    public void ExitInline()
    {
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                _busy = false;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < ItemsPerSlice; i++)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_gate)
                {
                    if (!_items.TryDequeue(out item))
                    {
                        _busy = false;
                        return;
                    }
                }

                try
                {
                    item.Callback(item.State);
                }
                catch (Exception exception)
                {
                    LogUnhandled(logger, exception, grain);
                }
            }

            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in a turn of {Grain}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, GrainId grain);
}
