using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Messaging;

/// <summary>Sends a request that arrived at (or was queued on) the wrong silo on to the silo that holds its grain.</summary>
internal interface IRequestForwarder
{
    void Forward<TResult>(GrainRequest<TResult> request, SiloAddress silo, string key);
}
