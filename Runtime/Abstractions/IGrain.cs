namespace AgentRL.Runtime;

/// <summary>Marker for every grain interface. Use one of the keyed variants below.</summary>
public interface IGrain : IAddressable;
