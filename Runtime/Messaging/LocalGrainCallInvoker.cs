using AgentRL.Runtime.Activation;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Messaging;

/// <summary>
/// Delivers calls inside a silo. Arguments are passed by reference, never serialised (treat them as immutable).
/// When the target activation is idle the caller runs the request on its own thread; if the grain completes
/// synchronously the call costs no thread hop and no allocation beyond the request.
/// </summary>
internal sealed class LocalGrainCallInvoker(Catalog catalog, CallTimeouts timeouts, IOptions<MessagingOptions> options) : IGrainCallInvoker
{
    private readonly TimeSpan _defaultTimeout = options.Value.ResponseTimeout;

    public Catalog Catalog => catalog;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        GrainId grainId;
        GrainClassDescriptor grainClass;
        ActivationData activation;
        try
        {
            grainClass = catalog.ResolveClass(target.Interface);
            grainId = new GrainId(grainClass.GrainType, target.Key);
            request.Interface = target.Interface;
            PrepareRequest(request);
            if (grainClass.IsStatelessWorker)
            {
                activation = catalog.GetActivation(grainId, grainClass);
            }
            else if (target.CachedTarget is ActivationData cached && !cached.IsGone)
            {
                activation = cached;
            }
            else
            {
                activation = catalog.GetActivation(grainId, grainClass);
                target.CachedTarget = activation;
            }
        }
        catch (Exception exception)
        {
            request.GrainCancellation?.Dispose();
            return ValueTask.FromException<TResult>(exception);
        }

        if (activation.TryEnterInline(request))
        {
            return activation.RunInline(request, this);
        }

        var completion = CreateCompletion(request, grainId);
        catalog.Dispatch(grainId, grainClass, request, activation);
        return new ValueTask<TResult>(completion.Task);
    }

    /// <summary>Dispatches a request that arrived from the network; its sink and deadline are already set.</summary>
    public void Dispatch(GrainInterfaceDescriptor grainInterface, string key, GrainRequest request)
    {
        var grainClass = catalog.ResolveClass(grainInterface);
        catalog.Dispatch(new GrainId(grainClass.GrainType, key), grainClass, request);
    }

    public CallCompletion<TResult> CreateCompletion<TResult>(GrainRequest<TResult> request, GrainId target) =>
        new(request, target, TimeoutOf(request), timeouts);

    public TimeSpan TimeoutOf(GrainRequest request) => request.Method.ResponseTimeout ?? _defaultTimeout;

    private void PrepareRequest(GrainRequest request)
    {
        request.Caller = RequestContext.Current;
        request.DeadlineTimestamp = timeouts.DeadlineAfter(TimeoutOf(request));
        if (request.Method.HasCancellationToken)
        {
            // A linked source lets a timeout cancel the grain's work as well as the caller's wait.
            request.GrainCancellation = CancellationTokenSource.CreateLinkedTokenSource(request.CancellationToken);
            request.CancellationToken = request.GrainCancellation.Token;
        }
    }
}
