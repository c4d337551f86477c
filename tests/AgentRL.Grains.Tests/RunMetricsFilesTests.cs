using System.Text.Json;
using AgentRL.Client.Reports;
using AgentRL.Grains.Training;

namespace AgentRL.Grains.Tests;

public sealed class RunMetricsFilesTests
{
    [Fact]
    public void EstimatorDiagnosticsBecomeColumnsAfterTheFixedOnes()
    {
        using var folder = new TempDirectory();
        IterationRecord[] records =
        [
            new() { Iteration = 1, RolloutSuccess = 0.5 },
            new() { Iteration = 2, RolloutSuccess = 0.75, Diagnostics = new Dictionary<string, double> { ["prm_pairs"] = 12, ["prm_loss"] = 0.25 } },
        ];

        RunMetricsFiles.Write(folder.Path, records);

        var csv = File.ReadAllLines(Path.Combine(folder.Path, "metrics.csv"));
        var header = csv[0].Split(',');
        Assert.Equal(["retries", "prm_loss", "prm_pairs"], header[^3..]);
        Assert.Equal(["", ""], csv[1].Split(',')[^2..]);
        Assert.Equal(["0.25", "12"], csv[2].Split(',')[^2..]);
        var second = JsonDocument.Parse(File.ReadAllLines(Path.Combine(folder.Path, "metrics.jsonl"))[1]).RootElement;
        Assert.Equal(0.25, second.GetProperty("prm_loss").GetDouble());
        Assert.Equal(0.75, second.GetProperty("rollout_success").GetDouble());
    }
}
