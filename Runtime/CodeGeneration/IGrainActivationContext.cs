using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.CodeGeneration;

/// <summary>What generated grain factories ask of the activation being created.</summary>
public interface IGrainActivationContext
{
    GrainId GrainId { get; }

    /// <summary>
    /// Binds a persistent state to the activation; the runtime reads it before <c>OnActivateAsync</c>.
    /// </summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string storageName, IWireCodec<TState> codec, Func<TState> createDefault);
}
