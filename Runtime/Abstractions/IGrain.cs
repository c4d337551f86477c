namespace AgentRL.Runtime;

/// <summary>Marker for every grain interface. Use one of the keyed variants below.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain addressed by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain addressed by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
