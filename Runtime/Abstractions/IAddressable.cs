namespace AgentRL.Runtime;

/// <summary>Something with a grain identity: a grain implementation (inside) or a grain reference (outside).</summary>
public interface IAddressable;
