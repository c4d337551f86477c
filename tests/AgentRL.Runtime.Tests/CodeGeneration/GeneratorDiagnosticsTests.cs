using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AgentRL.Runtime.Tests.CodeGeneration;

public sealed class GeneratorDiagnosticsTests
{
    private static (ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compilation, string Source) Run(string code)
    {
        var (generator, output, source) = SnippetCompilation.Run(code);
        return (generator, SnippetCompilation.Errors(output), source);
    }

    [Theory]
    [InlineData("public interface IG : IGrainWithStringKey { int Get(); }", "AGR001")]
    [InlineData("public interface IG : IGrainWithStringKey { Task Set(ref int x); }", "AGR002")]
    [InlineData("public interface IG : IGrainWithStringKey { Task Set(out int x); }", "AGR002")]
    [InlineData("public interface IG : IGrainWithStringKey { Task<T> Get<T>(); }", "AGR003")]
    [InlineData("public class Plain { } public interface IG : IGrainWithStringKey { Task Set(Plain p); }", "AGR004")]
    [InlineData("public interface IG : IGrainWithStringKey { Task<System.IO.Stream> Open(); }", "AGR004")]
    [InlineData("public interface IG<T> : IGrainWithStringKey { Task Set(T value); }", "AGR005")]
    [InlineData("public interface IG : IGrainWithStringKey { int Count { get; } }", "AGR006")]
    [InlineData("public interface IG : IGrainWithStringKey { Task Run(CancellationToken a, CancellationToken b); }", "AGR007")]
    [InlineData("public interface IG : IGrainWithStringKey { [ResponseTimeout(\"soon\")] Task Run(); }", "AGR010")]
    [InlineData("public interface IA : IGrainWithStringKey { Task A(); } public interface IB : IGrainWithGuidKey { Task B(); } public sealed class G : Grain, IA, IB { public Task A() => Task.CompletedTask; public Task B() => Task.CompletedTask; }", "AGR012")]
    [InlineData("public sealed class S { } public sealed class G : Grain { public G(IPersistentState<S> s) { } }", "AGR013")]
    [InlineData("[GenerateSerializer] public sealed class S { [Id(0)] public int A { get; set; } [Id(0)] public int B { get; set; } }", "AGR014")]
    [InlineData("[GenerateSerializer] public sealed class S { public S(string other) { } public int A { get; } }", "AGR009")]
    public void UnsupportedShapesAreCompileTimeErrors(string code, string expectedId)
    {
        var (diagnostics, _, _) = Run(code);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == expectedId);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void ASupportedInterfaceGeneratesAProxyThatCompiles()
    {
        var (diagnostics, errors, source) = Run("""
            namespace Shop;
            [GenerateSerializer] public sealed record Item(string Name, decimal Price, int[] Tags);
            public interface ICart : IGrainWithGuidKey
            {
                Task Add(Item item, int quantity);
                Task<IReadOnlyList<Item>> Items();
                [AlwaysInterleave] ValueTask<int> Count(CancellationToken cancellationToken);
                [ResponseTimeout("00:05:00")] Task<Dictionary<string, long>> Totals();
            }
            public sealed class Cart : Grain, ICart
            {
                public Task Add(Item item, int quantity) => Task.CompletedTask;
                public Task<IReadOnlyList<Item>> Items() => Task.FromResult<IReadOnlyList<Item>>([]);
                public ValueTask<int> Count(CancellationToken cancellationToken) => ValueTask.FromResult(0);
                public Task<Dictionary<string, long>> Totals() => Task.FromResult(new Dictionary<string, long>());
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        Assert.Contains("class Proxy_Shop_ICart", source);
        Assert.Contains("class Codec_Shop_Item", source);
        Assert.Contains("ModuleInitializer", source);
        Assert.Contains("global::System.TimeSpan.FromTicks(3000000000L)", source);
    }
}
