namespace AgentRL.Runtime.CodeGeneration;

/// <summary>What the runtime needs to know about one grain interface method; built by generated code.</summary>
public sealed class GrainMethodDescriptor(
    string interfaceName,
    string methodName,
    ushort methodId,
    bool alwaysInterleave,
    TimeSpan? responseTimeout,
    bool hasCancellationToken,
    Func<GrainRequest> createRequest)
{
    public string InterfaceName { get; } = interfaceName;

    public string MethodName { get; } = methodName;

    /// <summary>The method's index within its interface descriptor; what travels on the wire.</summary>
    public ushort MethodId { get; } = methodId;

    public bool AlwaysInterleave { get; } = alwaysInterleave;

    /// <summary>The per-method timeout from <see cref="ResponseTimeoutAttribute"/>, or null for the default.</summary>
    public TimeSpan? ResponseTimeout { get; } = responseTimeout;

    public bool HasCancellationToken { get; } = hasCancellationToken;

    /// <summary>Creates an empty request whose arguments are then read from the wire.</summary>
    public Func<GrainRequest> CreateRequest { get; } = createRequest;

    /// <summary>"IInterface.Method", as shown in errors and call chains.</summary>
    public string DisplayName { get; } = $"{ShortName(interfaceName)}.{methodName}";

    private static string ShortName(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];

    public override string ToString() => DisplayName;
}
