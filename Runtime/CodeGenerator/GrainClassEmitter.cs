using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>
/// Emits the registration expression of a grain class: its type name, interfaces, reentrancy, stateless-worker limit,
/// and a factory that calls its constructor with services and persistent states.
/// </summary>
internal sealed class GrainClassEmitter(KnownSymbols known, CodecResolver codecs, Action<Diagnostic> report)
{
    private const string CodeGen = "global::AgentRL.Runtime.CodeGeneration.";

    /// <summary>Returns a <c>GrainClassDescriptor</c> creation expression, or null if the class has errors.</summary>
    public string? Emit(INamedTypeSymbol grainClass)
    {
        var location = grainClass.Locations.FirstOrDefault();
        var name = grainClass.ToDisplayString();
        if (grainClass.IsGenericType)
        {
            report(Diagnostic.Create(Diagnostics.GenericGrainClass, location, name));
            return null;
        }

        var interfaces = grainClass.AllInterfaces
            .Where(i => known.IsGrainInterface(i) && !known.IsMarker(i) && !i.IsGenericType && known.KeyKind(i) is not null)
            .ToList();
        if (interfaces.Select(i => known.KeyKind(i)).Distinct().Count() > 1)
        {
            report(Diagnostic.Create(Diagnostics.MixedKeyKinds, location, name));
            return null;
        }

        var constructor = grainClass.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            report(Diagnostic.Create(Diagnostics.NoConstructor, location, name));
            return null;
        }

        var arguments = new List<string>();
        foreach (var parameter in constructor.Parameters)
        {
            var argument = ConstructorArgument(grainClass, parameter);
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
        }

        var grainType = KnownSymbols.FindAttribute(grainClass, "AgentRL.Runtime.GrainTypeAttribute")?.ConstructorArguments.FirstOrDefault().Value as string
            ?? name;
        var reentrant = KnownSymbols.HasAttribute(grainClass, "AgentRL.Runtime.ReentrantAttribute") ? "true" : "false";
        var worker = KnownSymbols.FindAttribute(grainClass, "AgentRL.Runtime.StatelessWorkerAttribute");
        var workerMax = worker is null ? -1 : worker.ConstructorArguments.FirstOrDefault().Value as int? ?? 0;
        var display = CodecResolver.Display(grainClass);
        return $"new {CodeGen}GrainClassDescriptor(typeof({display}), {Literal(grainType)}, " +
               $"new global::System.Type[] {{ {string.Join(", ", interfaces.Select(i => $"typeof({CodecResolver.Display(i)})"))} }}, " +
               $"{reentrant}, {workerMax}, static (services, context) => new {display}({string.Join(", ", arguments)}))";
    }

    private string? ConstructorArgument(INamedTypeSymbol grainClass, IParameterSymbol parameter)
    {
        var type = parameter.Type;
        var isState = type is INamedTypeSymbol { IsGenericType: true } named &&
                      SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, known.PersistentStateInterface);
        var attribute = KnownSymbols.FindAttribute(parameter, "AgentRL.Runtime.PersistentStateAttribute");
        if (isState)
        {
            if (attribute is null)
            {
                report(Diagnostic.Create(Diagnostics.StateWithoutAttribute, parameter.Locations.FirstOrDefault(), grainClass.ToDisplayString(), parameter.Name));
                return null;
            }

            var stateType = ((INamedTypeSymbol)type).TypeArguments[0];
            var codec = codecs.Resolve(stateType);
            if (codec is null)
            {
                report(Diagnostic.Create(Diagnostics.NotSerializable, parameter.Locations.FirstOrDefault(), grainClass.ToDisplayString(), stateType.ToDisplayString()));
                return null;
            }

            var hasDefaultConstructor = stateType.IsValueType ||
                (stateType is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } stateClass &&
                 stateClass.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal));
            if (!hasDefaultConstructor && stateType.SpecialType != SpecialType.System_String)
            {
                report(Diagnostic.Create(Diagnostics.CannotConstruct, parameter.Locations.FirstOrDefault(), stateType.ToDisplayString()));
                return null;
            }

            var stateName = attribute.ConstructorArguments[0].Value as string ?? parameter.Name;
            var storage = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string ?? "Default" : "Default";
            var display = CodecResolver.Display(stateType);
            var create = stateType.SpecialType == SpecialType.System_String ? "\"\"" : $"new {display}()";
            return $"context.GetPersistentState<{display}>({Literal(stateName)}, {Literal(storage)}, {codec}, static () => {create})";
        }

        var serviceType = CodecResolver.Display(type);
        return parameter.HasExplicitDefaultValue
            ? $"{CodeGen}GrainServices.GetOptional<{serviceType}>(services)"
            : $"{CodeGen}GrainServices.Get<{serviceType}>(services)";
    }

    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
}
