using System.Linq;
using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>The runtime and BCL types the generator recognises, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation)
    {
        Compilation = compilation;
        IGrain = Get("AgentRL.Runtime.IGrain");
        StringKey = Get("AgentRL.Runtime.IGrainWithStringKey");
        GuidKey = Get("AgentRL.Runtime.IGrainWithGuidKey");
        IntegerKey = Get("AgentRL.Runtime.IGrainWithIntegerKey");
        Grain = Get("AgentRL.Runtime.Grain");
        PersistentStateInterface = Get("AgentRL.Runtime.IPersistentState`1");
        Task = Get("System.Threading.Tasks.Task");
        TaskOfT = Get("System.Threading.Tasks.Task`1");
        ValueTask = Get("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Get("System.Threading.Tasks.ValueTask`1");
        CancellationToken = Get("System.Threading.CancellationToken");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? IGrain { get; }

    public INamedTypeSymbol? StringKey { get; }

    public INamedTypeSymbol? GuidKey { get; }

    public INamedTypeSymbol? IntegerKey { get; }

    public INamedTypeSymbol? Grain { get; }

    public INamedTypeSymbol? PersistentStateInterface { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>Null when the compilation does not reference the runtime (nothing to generate).</summary>
    public static KnownSymbols? Create(Compilation compilation)
    {
        var symbols = new KnownSymbols(compilation);
        return symbols.IGrain is null || symbols.Grain is null ? null : symbols;
    }

    public bool IsGrainInterface(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && IGrain is not null &&
        (SymbolEqualityComparer.Default.Equals(type, IGrain) || Implements(type, IGrain));

    public bool IsMarker(ITypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, IGrain) || SymbolEqualityComparer.Default.Equals(type, StringKey) ||
        SymbolEqualityComparer.Default.Equals(type, GuidKey) || SymbolEqualityComparer.Default.Equals(type, IntegerKey);

    /// <summary>"String", "Guid" or "Integer" for keyed grain interfaces; null for mixins.</summary>
    public string? KeyKind(ITypeSymbol type)
    {
        var self = new[] { type }.Concat(type.AllInterfaces);
        foreach (var candidate in self)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, StringKey))
            {
                return "String";
            }

            if (SymbolEqualityComparer.Default.Equals(candidate, GuidKey))
            {
                return "Guid";
            }

            if (SymbolEqualityComparer.Default.Equals(candidate, IntegerKey))
            {
                return "Integer";
            }
        }

        return null;
    }

    public bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Grain))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasAttribute(ISymbol symbol, string fullName) => FindAttribute(symbol, fullName) is not null;

    public static AttributeData? FindAttribute(ISymbol symbol, string fullName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == fullName)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol target)
    {
        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, target))
            {
                return true;
            }
        }

        return false;
    }

    private INamedTypeSymbol? Get(string metadataName) => Compilation.GetTypeByMetadataName(metadataName);
}
