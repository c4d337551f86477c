using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>
/// Turns a type into the C# expression of its wire codec, composing built-in codecs for collections and noting which
/// [GenerateSerializer] types need a generated codec. Null means the type cannot travel.
/// </summary>
internal sealed class CodecResolver(KnownSymbols known, string generatedNamespace)
{
    private const string Serialization = "global::AgentRL.Runtime.Serialization.";

    private static readonly Dictionary<SpecialType, string> Scalars = new()
    {
        [SpecialType.System_Boolean] = "Boolean",
        [SpecialType.System_Byte] = "Byte",
        [SpecialType.System_SByte] = "SByte",
        [SpecialType.System_Int16] = "Int16",
        [SpecialType.System_UInt16] = "UInt16",
        [SpecialType.System_Int32] = "Int32",
        [SpecialType.System_UInt32] = "UInt32",
        [SpecialType.System_Int64] = "Int64",
        [SpecialType.System_UInt64] = "UInt64",
        [SpecialType.System_Single] = "Single",
        [SpecialType.System_Double] = "Double",
        [SpecialType.System_Decimal] = "Decimal",
        [SpecialType.System_Char] = "Char",
        [SpecialType.System_String] = "String",
    };

    private static readonly HashSet<SpecialType> RawArrayElements =
    [
        SpecialType.System_Boolean, SpecialType.System_Byte, SpecialType.System_SByte, SpecialType.System_Int16,
        SpecialType.System_UInt16, SpecialType.System_Int32, SpecialType.System_UInt32, SpecialType.System_Int64,
        SpecialType.System_UInt64, SpecialType.System_Single, SpecialType.System_Double, SpecialType.System_Char,
    ];

    private static readonly Dictionary<string, string> NamedScalars = new()
    {
        ["System.Guid"] = "Guid",
        ["System.DateTime"] = "DateTime",
        ["System.DateTimeOffset"] = "DateTimeOffset",
        ["System.TimeSpan"] = "TimeSpan",
        ["AgentRL.Runtime.CodeGeneration.Unit"] = "Unit",
    };

    private static readonly HashSet<string> SequenceInterfaces =
    [
        "System.Collections.Generic.IList<T>", "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.IReadOnlyCollection<T>",
        "System.Collections.Generic.IEnumerable<T>",
    ];

    private static readonly HashSet<string> Dictionaries =
    [
        "System.Collections.Generic.Dictionary<TKey, TValue>", "System.Collections.Generic.IDictionary<TKey, TValue>",
        "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>",
    ];

    private readonly List<INamedTypeSymbol> _serializable = [];

    /// <summary>[GenerateSerializer] types reached so far, in discovery order.</summary>
    public IReadOnlyList<INamedTypeSymbol> SerializableTypes => _serializable;

    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string Mangle(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>An identifier safe to emit (keywords get '@').</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    public static string CodecClassName(INamedTypeSymbol type) => "Codec_" + Mangle(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""));

    public string? Resolve(ITypeSymbol type)
    {
        if (type.IsReferenceType)
        {
            type = type.WithNullableAnnotation(NullableAnnotation.None);
        }

        if (Scalars.TryGetValue(type.SpecialType, out var scalar))
        {
            return Serialization + "WireCodecs." + scalar;
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return null;
            }

            var element = array.ElementType;
            if (RawArrayElements.Contains(element.SpecialType))
            {
                return $"{Serialization}UnmanagedArrayCodec<{Display(element)}>.Instance";
            }

            var elementCodec = Resolve(element);
            return elementCodec is null ? null : $"new {Serialization}ArrayCodec<{Display(element)}>({elementCodec})";
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (NamedScalars.TryGetValue(named.ToDisplayString(), out var namedScalar))
        {
            return Serialization + "WireCodecs." + namedScalar;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return $"{Serialization}EnumCodec<{Display(named)}>.Instance";
        }

        if (named.TypeKind == TypeKind.Interface && known.IsGrainInterface(named) && known.KeyKind(named) is not null)
        {
            return $"{Serialization}GrainReferenceCodec<{Display(named)}>.Instance";
        }

        if (named.IsGenericType)
        {
            var definition = named.OriginalDefinition.ToDisplayString();
            var arguments = named.TypeArguments;
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                var inner = Resolve(arguments[0]);
                return inner is null ? null : $"new {Serialization}NullableCodec<{Display(arguments[0])}>({inner})";
            }

            if (definition == "System.Collections.Generic.List<T>")
            {
                var inner = Resolve(arguments[0]);
                return inner is null ? null : $"new {Serialization}ListCodec<{Display(arguments[0])}>({inner})";
            }

            if (SequenceInterfaces.Contains(definition))
            {
                var inner = Resolve(arguments[0]);
                return inner is null ? null : $"new {Serialization}SequenceCodec<{Display(named)}, {Display(arguments[0])}>({inner})";
            }

            if (Dictionaries.Contains(definition))
            {
                var keys = Resolve(arguments[0]);
                var values = Resolve(arguments[1]);
                return keys is null || values is null
                    ? null
                    : $"new {Serialization}DictionaryCodec<{Display(named)}, {Display(arguments[0])}, {Display(arguments[1])}>({keys}, {values})";
            }
        }

        if (KnownSymbols.FindAttribute(named.OriginalDefinition, "AgentRL.Runtime.WireCodecAttribute") is { } wireCodec &&
            wireCodec.ConstructorArguments.Length == 1 && wireCodec.ConstructorArguments[0].Value is INamedTypeSymbol codecType)
        {
            if (!codecType.IsGenericType)
            {
                return $"new {Display(codecType)}()";
            }

            var codecs = new List<string>();
            foreach (var argument in named.TypeArguments)
            {
                var inner = Resolve(argument);
                if (inner is null)
                {
                    return null;
                }

                codecs.Add(inner);
            }

            var constructed = codecType.OriginalDefinition.Construct(named.TypeArguments.ToArray());
            return $"new {Display(constructed)}({string.Join(", ", codecs)})";
        }

        if (!named.IsGenericType && KnownSymbols.HasAttribute(named, "AgentRL.Runtime.GenerateSerializerAttribute"))
        {
            if (!_serializable.Contains(named, SymbolEqualityComparer.Default))
            {
                _serializable.Add(named);
            }

            return $"global::{generatedNamespace}.{CodecClassName(named)}.Instance";
        }

        return null;
    }
}
