using AgentRL.Runtime.Activation;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.CodeGeneration;

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="Unit"/> for none).</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    public abstract IWireCodec<TResult> ResultCodec { get; }

    /// <summary>Calls the grain method on <paramref name="grain"/> with the stored arguments.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    internal override void Forward(IRequestForwarder forwarder, SiloAddress silo, string key) => forwarder.Forward(this, silo, key);

    internal override void Execute(ActivationData activation)
    {
        if (DeadlineTimestamp != long.MaxValue && activation.Catalog.Time.GetTimestamp() > DeadlineTimestamp)
        {
            // The caller stopped waiting while this sat in the queue: running it now would only be wasted, late work.
            activation.OnRequestCompleted(this);
            Sink?.OnException(this, new TimeoutException(
                $"{Method.DisplayName} on {activation.GrainId} expired in the activation's queue before it could start."));
            return;
        }

        var pending = Start(activation);
        if (pending.IsCompleted)
        {
            activation.OnRequestCompleted(this);
            Report(pending);
        }
        else
        {
            _ = CompleteAsync(pending, activation);
        }
    }

    /// <summary>
    /// Runs the request on the caller's thread, the activation having been entered by the caller. A synchronous result
    /// comes back directly; otherwise the caller waits on a completion created only now.
    /// </summary>
    internal ValueTask<TResult> ExecuteInline(ActivationData activation, LocalGrainCallInvoker invoker)
    {
        var pending = Start(activation);
        if (pending.IsCompleted)
        {
            activation.OnRequestCompleted(this);
            GrainCancellation?.Dispose();
            return pending;
        }

        var sink = invoker.CreateCompletion(this, activation.GrainId);
        _ = CompleteAsync(pending, activation);
        return new ValueTask<TResult>(sink.Task);
    }

    private ValueTask<TResult> Start(ActivationData activation)
    {
        var previous = RequestContext.Enter(new CallChainLink(Method, activation.GrainId, Caller));
        try
        {
            return InvokeAsync(activation.GrainInstance);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(exception);
        }
        finally
        {
            RequestContext.Restore(previous);
        }
    }

    private void Report(ValueTask<TResult> completed)
    {
        var sink = Sink;
        if (sink is null)
        {
            return;
        }

        if (completed.IsCompletedSuccessfully)
        {
            sink.OnResult(this, completed.Result);
            return;
        }

        try
        {
            completed.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            sink.OnException(this, exception);
        }
    }

    // Awaited on the activation's synchronization context, so the bookkeeping below runs as a turn of the activation.
    private async Task CompleteAsync(ValueTask<TResult> pending, ActivationData activation)
    {
        TResult result;
        try
        {
            result = await pending;
        }
        catch (Exception exception)
        {
            activation.OnRequestCompleted(this);
            Sink?.OnException(this, exception);
            return;
        }

        activation.OnRequestCompleted(this);
        Sink?.OnResult(this, result);
    }
}
