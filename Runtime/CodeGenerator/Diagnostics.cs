using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>The compile-time errors for grain interfaces, grain classes and serializable types.</summary>
internal static class Diagnostics
{
    private const string Category = "AgentRL.Grains";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "AGR001", "Grain method must return a task",
        "Grain method '{0}' returns '{1}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "AGR002", "Grain method parameters cannot be ref, out or in",
        "Parameter '{1}' of grain method '{0}' is passed by reference; grain calls can cross the network, so pass values");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "AGR003", "Generic grain methods are not supported",
        "Grain method '{0}' is generic; the wire format needs every type known at compile time");

    public static readonly DiagnosticDescriptor NotSerializable = Error(
        "AGR004", "Type cannot be sent on the wire",
        "'{1}' (in '{0}') has no wire codec: use a built-in type, or mark the type [GenerateSerializer] (or give it [WireCodec])");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "AGR005", "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic; declare a non-generic interface per type argument");

    public static readonly DiagnosticDescriptor NonMethodMember = Error(
        "AGR006", "Grain interfaces may only declare methods",
        "'{0}' on grain interface '{1}' is not a method; properties, events and indexers cannot be called remotely");

    public static readonly DiagnosticDescriptor SeveralCancellationTokens = Error(
        "AGR007", "At most one CancellationToken parameter",
        "Grain method '{0}' takes more than one CancellationToken");

    public static readonly DiagnosticDescriptor NoConstructor = Error(
        "AGR008", "No usable constructor",
        "'{0}' has no public or internal constructor the runtime can call");

    public static readonly DiagnosticDescriptor CannotConstruct = Error(
        "AGR009", "Serializable type cannot be constructed",
        "'{0}' cannot be rebuilt from its serialised members: give it a constructor whose parameters match the members by name, or a parameterless constructor and settable members");

    public static readonly DiagnosticDescriptor BadTimeout = Error(
        "AGR010", "Invalid response timeout",
        "[ResponseTimeout(\"{1}\")] on '{0}' is not a valid positive TimeSpan");

    public static readonly DiagnosticDescriptor GenericGrainClass = Error(
        "AGR011", "Generic grain classes are not supported",
        "Grain class '{0}' is generic");

    public static readonly DiagnosticDescriptor MixedKeyKinds = Error(
        "AGR012", "Grain class mixes key kinds",
        "Grain class '{0}' implements grain interfaces with different key kinds; a grain has one kind of key");

    public static readonly DiagnosticDescriptor StateWithoutAttribute = Error(
        "AGR013", "Persistent state parameter needs [PersistentState]",
        "Constructor parameter '{1}' of '{0}' is an IPersistentState<T> without [PersistentState(\"name\")]");

    public static readonly DiagnosticDescriptor DuplicateId = Error(
        "AGR014", "Duplicate [Id]",
        "'{0}' has more than one member with [Id({1})]");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
