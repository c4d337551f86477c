using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.CodeGenerator;

/// <summary>
/// Emits, for one keyed grain interface, a request class per method (arguments, invocation, argument codecs) and
/// the proxy class with its interface descriptor. Reports unsupported method shapes.
/// </summary>
internal sealed class InterfaceEmitter(KnownSymbols known, CodecResolver codecs, Action<Diagnostic> report)
{
    private const string CodeGen = "global::AgentRL.Runtime.CodeGeneration.";

    public string ProxyClassName(INamedTypeSymbol grainInterface) => "Proxy_" + CodecResolver.Mangle(grainInterface.ToDisplayString());

    /// <summary>Returns the source, or null if the interface has errors (reported).</summary>
    public string? Emit(INamedTypeSymbol grainInterface, string keyKind)
    {
        if (grainInterface.IsGenericType)
        {
            report(Diagnostic.Create(Diagnostics.GenericInterface, grainInterface.Locations.FirstOrDefault(), grainInterface.ToDisplayString()));
            return null;
        }

        var methods = new List<IMethodSymbol>();
        var ok = true;
        foreach (var declaring in new[] { grainInterface }.Concat(grainInterface.AllInterfaces))
        {
            if (known.IsMarker(declaring) || !known.IsGrainInterface(declaring))
            {
                continue;
            }

            foreach (var member in declaring.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method:
                        methods.Add(method);
                        break;
                    case IMethodSymbol:
                        break;
                    default:
                        if (!member.IsStatic)
                        {
                            report(Diagnostic.Create(Diagnostics.NonMethodMember, member.Locations.FirstOrDefault(), member.Name, declaring.ToDisplayString()));
                            ok = false;
                        }

                        break;
                }
            }
        }

        var proxy = ProxyClassName(grainInterface);
        var source = new StringBuilder();
        var descriptors = new List<string>();
        var proxyMethods = new StringBuilder();
        for (var i = 0; i < methods.Count; i++)
        {
            var requestClass = $"{proxy}_M{i}";
            if (EmitMethod(grainInterface, methods[i], i, requestClass, source, proxyMethods))
            {
                descriptors.Add(requestClass + ".Descriptor");
            }
            else
            {
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var iface = CodecResolver.Display(grainInterface);
        source.AppendLine($"    internal sealed class {proxy} : {CodeGen}GrainReference, {iface}");
        source.AppendLine("    {");
        source.AppendLine($"        public static readonly {CodeGen}GrainInterfaceDescriptor Descriptor = new(typeof({iface}), global::AgentRL.Runtime.GrainKeyKind.{keyKind},");
        source.AppendLine($"            new {CodeGen}GrainMethodDescriptor[] {{ {string.Join(", ", descriptors)} }},");
        source.AppendLine($"            static (invoker, key) => new {proxy}(invoker, key));");
        source.AppendLine();
        source.AppendLine($"        public {proxy}({CodeGen}IGrainCallInvoker invoker, string key) : base(invoker, Descriptor, key) {{ }}");
        source.Append(proxyMethods);
        source.AppendLine("    }");
        return source.ToString();
    }

    private bool EmitMethod(INamedTypeSymbol grainInterface, IMethodSymbol method, int methodId, string requestClass, StringBuilder source, StringBuilder proxyMethods)
    {
        var name = $"{method.ContainingType.ToDisplayString()}.{method.Name}";
        var location = method.Locations.FirstOrDefault();
        var ok = true;
        if (method.IsGenericMethod)
        {
            report(Diagnostic.Create(Diagnostics.GenericMethod, location, name));
            ok = false;
        }

        var (shape, result) = ClassifyReturn(method.ReturnType);
        if (shape is null)
        {
            report(Diagnostic.Create(Diagnostics.UnsupportedReturnType, location, name, method.ReturnType.ToDisplayString()));
            return false;
        }

        var fields = new CodecFields();
        var resultType = result is null ? CodeGen + "Unit" : CodecResolver.Display(result);
        var resultCodec = result is null ? "global::AgentRL.Runtime.Serialization.WireCodecs.Unit" : codecs.Resolve(result);
        if (resultCodec is null)
        {
            report(Diagnostic.Create(Diagnostics.NotSerializable, location, name, result!.ToDisplayString()));
            ok = false;
        }

        var arguments = new List<(IParameterSymbol Parameter, string Field, string? Codec)>();
        var cancellationTokens = 0;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                report(Diagnostic.Create(Diagnostics.ByRefParameter, parameter.Locations.FirstOrDefault() ?? location, name, parameter.Name));
                ok = false;
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, known.CancellationToken))
            {
                cancellationTokens++;
                arguments.Add((parameter, "CancellationToken", null));
                continue;
            }

            var codec = codecs.Resolve(parameter.Type);
            if (codec is null)
            {
                report(Diagnostic.Create(Diagnostics.NotSerializable, parameter.Locations.FirstOrDefault() ?? location, name, parameter.Type.ToDisplayString()));
                ok = false;
                continue;
            }

            var field = "Arg" + arguments.Count(a => a.Codec is not null);
            arguments.Add((parameter, field, fields.Add(CodecResolver.Display(parameter.Type), codec)));
        }

        if (cancellationTokens > 1)
        {
            report(Diagnostic.Create(Diagnostics.SeveralCancellationTokens, location, name));
            ok = false;
        }

        var timeout = ResponseTimeout(method, name, location, ref ok);
        if (!ok)
        {
            return false;
        }

        var interleave = KnownSymbols.HasAttribute(method, "AgentRL.Runtime.AlwaysInterleaveAttribute") ? "true" : "false";
        var resultField = fields.Add(resultType, resultCodec!);
        var declaring = CodecResolver.Display(method.ContainingType);
        var call = $"(({declaring})grain).{method.Name}({string.Join(", ", arguments.Select(a => a.Field))})";

        source.AppendLine($"    internal sealed class {requestClass} : {CodeGen}GrainRequest<{resultType}>");
        source.AppendLine("    {");
        source.AppendLine($"        public static readonly {CodeGen}GrainMethodDescriptor Descriptor = new(\"{grainInterface.ToDisplayString()}\", \"{method.Name}\", {methodId}, {interleave}, {timeout}, {(cancellationTokens > 0 ? "true" : "false")}, static () => new {requestClass}());");
        fields.Emit(source, "        ");
        foreach (var (parameter, field, codec) in arguments)
        {
            if (codec is not null)
            {
                source.AppendLine($"        public {CodecResolver.Display(parameter.Type)} {field};");
            }
        }

        source.AppendLine($"        public override {CodeGen}GrainMethodDescriptor Method => Descriptor;");
        source.AppendLine($"        public override global::AgentRL.Runtime.Serialization.IWireCodec<{resultType}> ResultCodec => {resultField};");
        source.AppendLine($"        public override global::System.Threading.Tasks.ValueTask<{resultType}> InvokeAsync(object grain) => {Adapt(shape, call)};");
        source.AppendLine("        public override void WriteArguments(global::AgentRL.Runtime.Serialization.WireWriter writer)");
        source.AppendLine("        {");
        foreach (var (_, field, codec) in arguments.Where(a => a.Codec is not null))
        {
            source.AppendLine($"            {codec}.Write(writer, {field});");
        }

        source.AppendLine("        }");
        source.AppendLine("        public override void ReadArguments(ref global::AgentRL.Runtime.Serialization.WireReader reader)");
        source.AppendLine("        {");
        foreach (var (_, field, codec) in arguments.Where(a => a.Codec is not null))
        {
            source.AppendLine($"            {field} = {codec}.Read(ref reader);");
        }

        source.AppendLine("        }");
        source.AppendLine("    }");
        source.AppendLine();

        var parameters = string.Join(", ", method.Parameters.Select(p => $"{CodecResolver.Display(p.Type)} {CodecResolver.Identifier(p.Name)}"));
        proxyMethods.AppendLine();
        proxyMethods.AppendLine($"        {CodecResolver.Display(method.ReturnType)} {declaring}.{method.Name}({parameters})");
        proxyMethods.AppendLine("        {");
        // "__request": grain method parameters may be called "request" too.
        proxyMethods.AppendLine($"            var __request = new {requestClass}();");
        foreach (var (parameter, field, _) in arguments)
        {
            proxyMethods.AppendLine($"            __request.{field} = {CodecResolver.Identifier(parameter.Name)};");
        }

        proxyMethods.AppendLine(shape switch
        {
            "Task" => "            return InvokeAsync(__request);",
            "TaskOfT" => "            return InvokeAsync(__request);",
            "ValueTask" => "            return InvokeValueTaskAsync(__request);",
            _ => "            return InvokeValueTaskAsync(__request);",
        });
        proxyMethods.AppendLine("        }");
        return true;
    }

    private static string Adapt(string shape, string call) => shape switch
    {
        "Task" => $"{CodeGen}GrainResults.FromTask({call})",
        "TaskOfT" => $"{CodeGen}GrainResults.FromTask({call})",
        "ValueTask" => $"{CodeGen}GrainResults.FromValueTask({call})",
        _ => call,
    };

    private (string? Shape, ITypeSymbol? Result) ClassifyReturn(ITypeSymbol returnType)
    {
        if (SymbolEqualityComparer.Default.Equals(returnType, known.Task))
        {
            return ("Task", null);
        }

        if (SymbolEqualityComparer.Default.Equals(returnType, known.ValueTask))
        {
            return ("ValueTask", null);
        }

        if (returnType is INamedTypeSymbol { IsGenericType: true } named)
        {
            if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, known.TaskOfT))
            {
                return ("TaskOfT", named.TypeArguments[0]);
            }

            if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, known.ValueTaskOfT))
            {
                return ("ValueTaskOfT", named.TypeArguments[0]);
            }
        }

        return (null, null);
    }

    private string ResponseTimeout(IMethodSymbol method, string name, Location? location, ref bool ok)
    {
        var attribute = KnownSymbols.FindAttribute(method, "AgentRL.Runtime.ResponseTimeoutAttribute");
        if (attribute is null)
        {
            return "null";
        }

        var text = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        if (text is null || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout) || timeout <= TimeSpan.Zero)
        {
            report(Diagnostic.Create(Diagnostics.BadTimeout, location, name, text ?? "null"));
            ok = false;
            return "null";
        }

        return $"global::System.TimeSpan.FromTicks({timeout.Ticks}L)";
    }
}
