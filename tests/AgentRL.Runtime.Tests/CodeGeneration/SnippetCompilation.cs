using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AgentRL.Runtime.CodeGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRL.Runtime.Tests.CodeGeneration;

/// <summary>Compiles a C# snippet with the grain code generator, as a project that uses grains would be built.</summary>
internal static class SnippetCompilation
{
    public static (ImmutableArray<Diagnostic> Generator, Compilation Output, string Source) Run(string code, string assemblyName = "Snippet")
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Grain).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText("using AgentRL.Runtime; using System; using System.Threading; using System.Threading.Tasks; using System.Collections.Generic;\n" + code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainCodeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).FirstOrDefault() ?? "";
        return (diagnostics, output, generated);
    }

    public static ImmutableArray<Diagnostic> Errors(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    /// <summary>Compiles, checks that nothing failed, and loads the assembly into a context of its own.</summary>
    public static Assembly Load(string code, string assemblyName)
    {
        var (diagnostics, output, _) = Run(code, assemblyName);
        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(assemblyName, isCollectible: true).LoadFromStream(image);
    }
}
