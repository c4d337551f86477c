namespace AgentRL.Runtime.TestGrains;

public interface IWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Works for <paramref name="milliseconds"/>; returns the id of the activation that did it.</summary>
    Task<Guid> Work(int milliseconds);
}

[StatelessWorker(4)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static int s_running;
    private static int s_maxRunning;
    private readonly Guid _activationId = Guid.NewGuid();

    /// <summary>The most Work calls observed running at once, across activations.</summary>
    public static int MaxConcurrent => Volatile.Read(ref s_maxRunning);

    public static void Reset() => Volatile.Write(ref s_maxRunning, 0);

    public async Task<Guid> Work(int milliseconds)
    {
        var running = Interlocked.Increment(ref s_running);
        int seen;
        while ((seen = Volatile.Read(ref s_maxRunning)) < running && Interlocked.CompareExchange(ref s_maxRunning, running, seen) != seen)
        {
        }

        await Task.Delay(milliseconds);
        Interlocked.Decrement(ref s_running);
        return _activationId;
    }
}
