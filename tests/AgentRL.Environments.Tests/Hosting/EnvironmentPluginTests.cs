using AgentRL.Environments.Grains;
using AgentRL.Environments.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Environments.Tests.Hosting;

public sealed class EnvironmentPluginTests
{
    private const string SampleAssembly = "AgentRL.Samples.NumberGuess.dll";

    [Fact]
    public async Task TheSamplePluginLoadsFromAFolderAndRunsAnEpisodeThroughItsGrain()
    {
        using var plugins = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(plugins.Path, "number-guess"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, SampleAssembly), Path.Combine(plugins.Path, "number-guess", SampleAssembly));

        await using var silo = await TestSilo.StartAsync(configure: s => s.AddBuiltInEnvironments().AddEnvironmentPlugins(plugins.Path));
        var grain = silo.Grains.GetGrain<IEnvironmentGrain>("number-guess/episode-7");

        var step = await grain.Reset(42, 0);
        Assert.StartsWith("I am thinking of a number between 1 and 100", step.Observation);
        while (!step.Done)
        {
            step = await grain.Step((await grain.ExpertAction())!);
        }

        Assert.True(step.Info.Success);
        Assert.InRange(step.Info.StepCount, 1, 7);
        Assert.Equal((await grain.GroundTruth())!, step.Observation.Split(' ')[0]);
    }

    [Fact]
    public async Task ABrokenPluginIsReportedAndSkippedWhileTheOthersLoad()
    {
        using var plugins = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, SampleAssembly), Path.Combine(plugins.Path, SampleAssembly));
        await File.WriteAllBytesAsync(Path.Combine(plugins.Path, "Broken.Plugin.dll"), [0x4D, 0x5A, 1, 2, 3, 4]);
        File.Copy(typeof(EnvironmentPluginTests).Assembly.Location, Path.Combine(plugins.Path, "NoEnvironments.dll"));

        await using var silo = await TestSilo.StartAsync(configure: s => s.AddBuiltInEnvironments().AddEnvironmentPlugins(plugins.Path));
        var names = silo.Services.GetRequiredService<EnvironmentRegistry>().Names;

        Assert.Contains("number-guess", names);
        Assert.Contains("gridworld", names);
        Assert.Equal(9, names.Count);
    }

    [Fact]
    public async Task AMissingPluginFolderIsNotFatal()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddBuiltInEnvironments().AddEnvironmentPlugins("/no/such/folder"));

        Assert.Equal(["gridworld", "gridworld-hard", "gridworld-rooms", "search", "search-small", "shop", "shop-large", "shop-numbered"], silo.Services.GetRequiredService<EnvironmentRegistry>().Names.Order());
    }
}
