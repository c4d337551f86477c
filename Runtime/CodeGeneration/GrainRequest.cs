using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.CodeGeneration;

/// <summary>
/// One call to one grain method: generated subclasses hold the arguments and know how to invoke the method and
/// (de)serialise the arguments. The same object is the message inside a silo, so a local call allocates nothing else
/// unless it has to wait.
/// </summary>
public abstract class GrainRequest
{
    public abstract GrainMethodDescriptor Method { get; }

    /// <summary>The token handed to the grain method (for methods that take one).</summary>
    public CancellationToken CancellationToken { get; set; }

    public abstract void WriteArguments(WireWriter writer);

    public abstract void ReadArguments(ref WireReader reader);

    /// <summary>The call chain that led to this request (null for a call from outside any grain).</summary>
    internal CallChainLink? Caller { get; set; }

    /// <summary>Where the result goes when the request does not complete synchronously.</summary>
    internal IResponseSink? Sink { get; set; }

    /// <summary>When the caller stops waiting (a <see cref="TimeProvider"/> timestamp); never, unless a caller sets one.</summary>
    internal long DeadlineTimestamp { get; set; } = long.MaxValue;

    /// <summary>The id that pairs a remote request with its response frame.</summary>
    internal long CorrelationId { get; set; }

    /// <summary>The grain interface the request was addressed through (set when it is routed).</summary>
    internal GrainInterfaceDescriptor? Interface { get; set; }

    /// <summary>How many silos forwarded this request before it arrived here.</summary>
    internal int Hops { get; set; }

    /// <summary>The activation the request was started on.</summary>
    internal Activation.ActivationData? Target { get; set; }

    /// <summary>The token source behind <see cref="CancellationToken"/>: linked to the caller's, cancelled on timeout.</summary>
    internal CancellationTokenSource? GrainCancellation { get; set; }

    /// <summary>Whether finishing this request resets the activation's idle clock (timer ticks do not).</summary>
    internal virtual bool CountsAsActivity => true;

    /// <summary>Whether a request queued on a departing activation moves to the next one (timer ticks do not).</summary>
    internal virtual bool FollowsGrainToNextActivation => true;

    /// <summary>Runs the request on its activation's scheduler and reports the outcome to <see cref="Sink"/>.</summary>
    internal abstract void Execute(Activation.ActivationData activation);

    internal void Fail(Exception exception) => Sink?.OnException(this, exception);

    /// <summary>Sends this request on to <paramref name="silo"/>, whose outcome then goes to <see cref="Sink"/>.</summary>
    internal abstract void Forward(IRequestForwarder forwarder, SiloAddress silo, string key);
}
