using System.Text;
using AgentRL.Runtime.CodeGeneration;

namespace AgentRL.Runtime.Messaging;

/// <summary>
/// One request in a chain of grain calls, linked to the request that made it. Used to detect calls that would wait
/// on themselves and to name the chain in timeout and deadlock errors.
/// </summary>
internal sealed class CallChainLink(string methodName, GrainId grain, CallChainLink? caller)
{
    public CallChainLink(GrainMethodDescriptor method, GrainId grain, CallChainLink? caller)
        : this(method.DisplayName, grain, caller)
    {
    }

    public string MethodName { get; } = methodName;

    public GrainId Grain { get; } = grain;

    public CallChainLink? Caller { get; } = caller;

    public bool Contains(GrainId grain)
    {
        for (var link = this; link is not null; link = link.Caller)
        {
            if (link.Grain == grain)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chain from the outermost call to this one, e.g. "IA.Run (a/1) -> IB.Get (b/2)".</summary>
    public static string Describe(CallChainLink? chain, string? next = null)
    {
        var links = new List<string>();
        for (var link = chain; link is not null; link = link.Caller)
        {
            links.Add($"{link.MethodName} ({link.Grain})");
        }

        links.Reverse();
        if (next is not null)
        {
            links.Add(next);
        }

        return new StringBuilder().AppendJoin(" -> ", links).ToString();
    }
}
