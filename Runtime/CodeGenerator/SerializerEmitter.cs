using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>
/// Emits the codec of a [GenerateSerializer] type: members in [Id] order (or declaration order without any [Id]),
/// a presence byte for reference types, and reconstruction through a matching constructor and/or settable members.
/// </summary>
internal sealed class SerializerEmitter(KnownSymbols known, CodecResolver codecs, Action<Diagnostic> report)
{
    private const string Serialization = "global::AgentRL.Runtime.Serialization.";

    public string? Emit(INamedTypeSymbol type)
    {
        var location = type.Locations.FirstOrDefault();
        var members = Members(type, location);
        if (members is null)
        {
            return null;
        }

        var fields = new CodecFields();
        var codecNames = new List<string>();
        foreach (var member in members)
        {
            var memberType = MemberType(member);
            var codec = codecs.Resolve(memberType);
            if (codec is null)
            {
                report(Diagnostic.Create(Diagnostics.NotSerializable, member.Locations.FirstOrDefault() ?? location, $"{type.ToDisplayString()}.{member.Name}", memberType.ToDisplayString()));
                return null;
            }

            codecNames.Add(fields.Add(CodecResolver.Display(memberType), codec));
        }

        var construction = Construction(type, members);
        if (construction is null)
        {
            report(Diagnostic.Create(Diagnostics.CannotConstruct, location, type.ToDisplayString()));
            return null;
        }

        var display = CodecResolver.Display(type);
        var className = CodecResolver.CodecClassName(type);
        var isReference = !type.IsValueType;
        var source = new StringBuilder();
        source.AppendLine($"    internal sealed class {className} : {Serialization}IWireCodec<{display}>");
        source.AppendLine("    {");
        source.AppendLine($"        public static readonly {className} Instance = new();");
        fields.Emit(source, "        ");
        source.AppendLine($"        public void Write({Serialization}WireWriter writer, {display} value)");
        source.AppendLine("        {");
        if (isReference)
        {
            source.AppendLine("            if (value is null) { writer.WriteByte(0); return; }");
            source.AppendLine("            writer.WriteByte(1);");
        }

        source.AppendLine($"            writer.WriteVarUInt32({members.Count});");
        for (var i = 0; i < members.Count; i++)
        {
            source.AppendLine($"            {codecNames[i]}.Write(writer, value.{CodecResolver.Identifier(members[i].Name)});");
        }

        source.AppendLine("        }");
        source.AppendLine($"        public {display} Read(ref {Serialization}WireReader reader)");
        source.AppendLine("        {");
        if (isReference)
        {
            source.AppendLine("            var presence = reader.ReadByte();");
            source.AppendLine("            if (presence == 0) return null;");
            source.AppendLine($"            if (presence != 1) throw new global::AgentRL.Runtime.WireFormatException(\"Invalid presence byte for {type.ToDisplayString()}.\");");
        }

        // Members missing from the input (written by a build that did not have them yet) take the value a new instance
        // would have: the constructor parameter's default, or what the constructor and initialisers leave.
        source.AppendLine($"            var count = reader.ReadMemberCount({members.Count}, \"{type.ToDisplayString()}\");");
        for (var i = 0; i < members.Count; i++)
        {
            source.AppendLine($"            var m{i} = count > {i} ? {codecNames[i]}.Read(ref reader) : {construction.MissingValue(i)};");
        }

        var fromDefaults = construction.Rest.Where(i => !IsRequired(members[i])).ToList();
        if (fromDefaults.Count > 0)
        {
            source.AppendLine($"            if (count < {members.Count})");
            source.AppendLine("            {");
            source.AppendLine($"                var defaults = {construction.Expression(construction.Rest.Where(i => IsRequired(members[i])))};");
            foreach (var i in fromDefaults)
            {
                source.AppendLine($"                if (count <= {i}) m{i} = defaults.{CodecResolver.Identifier(members[i].Name)};");
            }

            source.AppendLine("            }");
        }

        source.AppendLine($"            return {construction.Expression(construction.Rest)};");
        source.AppendLine("        }");
        source.AppendLine("    }");
        return source.ToString();
    }

    private List<ISymbol>? Members(INamedTypeSymbol type, Location? location)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var all = chain.SelectMany(t => t.GetMembers())
            .Where(m => !m.IsStatic && m is IFieldSymbol { IsImplicitlyDeclared: false, IsConst: false } or IPropertySymbol { IsIndexer: false, GetMethod: not null })
            .ToList();
        var withIds = all.Select(m => (Member: m, Id: KnownSymbols.FindAttribute(m, "AgentRL.Runtime.IdAttribute")?.ConstructorArguments.FirstOrDefault().Value as uint?))
            .Where(x => x.Id is not null)
            .ToList();
        if (withIds.Count > 0)
        {
            var duplicate = withIds.GroupBy(x => x.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                report(Diagnostic.Create(Diagnostics.DuplicateId, location, type.ToDisplayString(), duplicate.Key));
                return null;
            }

            return withIds.OrderBy(x => x.Id).Select(x => x.Member).ToList();
        }

        return all.Where(m => m.DeclaredAccessibility == Accessibility.Public && m.Name != "EqualityContract").ToList();
    }

    private ConstructionPlan? Construction(INamedTypeSymbol type, List<ISymbol> members)
    {
        var display = CodecResolver.Display(type);
        var accessible = type.InstanceConstructors
            .Where(c => known.Compilation.IsSymbolAccessibleWithin(c, known.Compilation.Assembly))
            .OrderByDescending(c => c.Parameters.Length);
        foreach (var constructor in accessible)
        {
            var byParameter = new List<int>();
            foreach (var parameter in constructor.Parameters)
            {
                var index = members.FindIndex(m => string.Equals(m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) &&
                                                   SymbolEqualityComparer.Default.Equals(MemberType(m).WithNullableAnnotation(NullableAnnotation.None), parameter.Type.WithNullableAnnotation(NullableAnnotation.None)));
                if (index < 0)
                {
                    byParameter = null;
                    break;
                }

                byParameter.Add(index);
            }

            if (byParameter is null)
            {
                continue;
            }

            var rest = Enumerable.Range(0, members.Count).Except(byParameter).ToList();
            if (!rest.All(i => IsSettable(members[i])))
            {
                continue;
            }

            return new ConstructionPlan(display, members, byParameter, constructor.Parameters, rest);
        }

        if (type.IsValueType && members.All(IsSettable))
        {
            return new ConstructionPlan(display, members, [], [], Enumerable.Range(0, members.Count).ToList());
        }

        return null;
    }

    private static bool IsRequired(ISymbol member) => member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };

    private bool IsSettable(ISymbol member) => member switch
    {
        IFieldSymbol field => !field.IsReadOnly && known.Compilation.IsSymbolAccessibleWithin(field, known.Compilation.Assembly),
        IPropertySymbol { SetMethod: { } setter } => known.Compilation.IsSymbolAccessibleWithin(setter, known.Compilation.Assembly),
        _ => false,
    };

    private static ITypeSymbol MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => throw new ArgumentException("Not a data member.", nameof(member)),
    };
}
