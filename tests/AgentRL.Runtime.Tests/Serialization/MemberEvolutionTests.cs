using System.Reflection;
using AgentRL.Runtime.Tests.CodeGeneration;

namespace AgentRL.Runtime.Tests.Serialization;

/// <summary>
/// Two builds of the same [GenerateSerializer] types, compiled and loaded side by side: the later one added members
/// after the existing ones. The later build reads what the earlier one wrote, as stored grain state is read after an
/// upgrade; the earlier build refuses what the later one wrote, naming the type.
/// </summary>
public sealed class MemberEvolutionTests
{
    private const string Earlier = """
        namespace Runs;
        public enum Mode { Fast, Careful }
        [GenerateSerializer] public sealed class RunState { [Id(0)] public int Iteration { get; set; } [Id(1)] public string Name { get; set; } = ""; }
        [GenerateSerializer] public sealed record RunConfig(int Tasks, string Environment);
        [GenerateSerializer] public struct Cell { public int X { get; set; } public int Y { get; set; } }
        [GenerateSerializer] public sealed record Checkpoint(RunState State, RunConfig Config, List<Cell> Cells);
        public static class Build
        {
            public static byte[] Write()
            {
                using var writer = new AgentRL.Runtime.Serialization.WireWriter();
                AgentRL.Generated.Earlier.Codec_Runs_Checkpoint.Instance.Write(writer, new Checkpoint(new RunState { Iteration = 12, Name = "gridworld" }, new RunConfig(8, "shop"), [new Cell { X = 1, Y = 2 }]));
                return writer.ToArray();
            }

            public static string Read(byte[] data)
            {
                var reader = new AgentRL.Runtime.Serialization.WireReader(data);
                var value = AgentRL.Generated.Earlier.Codec_Runs_Checkpoint.Instance.Read(ref reader);
                reader.EnsureFullyRead();
                return $"{value.State.Iteration}|{value.Config.Tasks}";
            }
        }
        """;

    private const string Later = """
        namespace Runs;
        using System.Globalization;
        using System.Linq;
        public enum Mode { Fast, Careful }
        [GenerateSerializer] public sealed class RunState
        {
            [Id(0)] public int Iteration { get; set; }
            [Id(1)] public string Name { get; set; } = "";
            [Id(2)] public double LearningRate { get; init; } = 5e-4;
            [Id(3)] public List<int> Milestones { get; set; } = [10, 20];
            [Id(4)] public required string Owner { get; init; }
        }
        [GenerateSerializer] public sealed record RunConfig(int Tasks, string Environment, double Temperature = 0.7, string Preset = "compact \"v2\"", Mode Mode = Mode.Careful, float Scale = -1.5f, decimal Budget = 2.5m, long Seed = -3, string? Label = null);
        [GenerateSerializer] public struct Cell { public Cell() { } public int X { get; set; } public int Y { get; set; } public int Room { get; set; } = 7; }
        [GenerateSerializer] public sealed record Checkpoint(RunState State, RunConfig Config, List<Cell> Cells) { public string Note { get; init; } = "none"; }
        public static class Build
        {
            public static byte[] Write()
            {
                using var writer = new AgentRL.Runtime.Serialization.WireWriter();
                var state = new RunState { Iteration = 40, Name = "shop", LearningRate = 0.25, Milestones = [1], Owner = "ada" };
                var config = new RunConfig(16, "search", 1.5, "small", Mode.Fast, 2f, 9m, 77, "x");
                AgentRL.Generated.Later.Codec_Runs_Checkpoint.Instance.Write(writer, new Checkpoint(state, config, [new Cell { X = 3, Y = 4, Room = 5 }]) { Note = "resumed" });
                return writer.ToArray();
            }

            public static string Read(byte[] data)
            {
                var reader = new AgentRL.Runtime.Serialization.WireReader(data);
                var v = AgentRL.Generated.Later.Codec_Runs_Checkpoint.Instance.Read(ref reader);
                reader.EnsureFullyRead();
                var (s, c) = (v.State, v.Config);
                return string.Join("|", new object?[]
                {
                    s.Iteration, s.Name, s.LearningRate, string.Join(",", s.Milestones), s.Owner ?? "null",
                    c.Tasks, c.Environment, c.Temperature, c.Preset, c.Mode, c.Scale, c.Budget, c.Seed, c.Label ?? "null",
                    string.Join(";", v.Cells.Select(cell => $"{cell.X},{cell.Y},{cell.Room}")), v.Note,
                }.Select(o => Convert.ToString(o, CultureInfo.InvariantCulture)));
            }
        }
        """;

    private static readonly Lazy<(Assembly Earlier, Assembly Later)> Builds = new(() =>
        (SnippetCompilation.Load(Earlier, "Earlier"), SnippetCompilation.Load(Later, "Later")));

    private static object? Call(Assembly build, string method, params object[] arguments)
    {
        try
        {
            return build.GetType("Runs.Build")!.GetMethod(method)!.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    [Fact]
    public void BytesOfTheEarlierBuildGiveTheLaterBuildsNewMembersTheirDefaults()
    {
        var (earlier, later) = Builds.Value;

        var read = Call(later, "Read", Call(earlier, "Write")!);

        // Initialisers (LearningRate, Milestones, Room, Note) and constructor defaults (Temperature .. Label) apply; a
        // required member no older record can have is left unset.
        Assert.Equal("12|gridworld|0.0005|10,20|null|8|shop|0.7|compact \"v2\"|Careful|-1.5|2.5|-3|null|1,2,7|none", read);
    }

    [Fact]
    public void TheLaterBuildKeepsEveryMemberItWrote()
    {
        var (_, later) = Builds.Value;

        Assert.Equal("40|shop|0.25|1|ada|16|search|1.5|small|Fast|2|9|77|x|3,4,5|resumed", Call(later, "Read", Call(later, "Write")!));
    }

    [Fact]
    public void BytesOfTheLaterBuildFailClearlyInTheEarlierBuild()
    {
        var (earlier, later) = Builds.Value;

        var error = Assert.Throws<WireFormatException>(() => Call(earlier, "Read", Call(later, "Write")!));

        Assert.Contains("Runs.Checkpoint was written with 4 members; this build knows 3, so a newer version wrote it", error.Message);
    }
}
