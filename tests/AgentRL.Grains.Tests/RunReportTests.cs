using System.Text.RegularExpressions;
using AgentRL.Client.Reports;
using AgentRL.Grains.Training;

namespace AgentRL.Grains.Tests;

public sealed partial class RunReportTests
{
    [Fact]
    public void ChartPointsLandOnTheirPixelsWithinTheAxes()
    {
        // 640 × 260 with margins 48 left, 16 right, 16 top, 36 bottom: x 0..10 spans 48..624, y 0..1 spans 224..16.
        var svg = SvgLineChart.Render(
            [new ChartSeries("grpo", [(0, 0), (5, 0.5), (10, 1)]), new ChartSeries("igpo <t>", [(0, 0.25), (10, 2)], "#d73a49"), new ChartSeries("seed 1", [(0, 0)]) { InLegend = false }],
            "episodes", 0, 1, "success against episodes", referenceY: 0.75);

        Assert.Contains("points=\"48.0,224.0 336.0,120.0 624.0,16.0\"", svg, StringComparison.Ordinal);
        // A value above the range is drawn at its edge.
        Assert.Contains("points=\"48.0,172.0 624.0,16.0\"", svg, StringComparison.Ordinal);
        Assert.Contains("y1=\"68.0\" x2=\"624\" y2=\"68.0\" stroke=\"#999\" stroke-dasharray", svg, StringComparison.Ordinal);
        // The legend names the two named series (text escaped), not the per-seed line.
        Assert.Equal(["grpo", "igpo &lt;t&gt;"], LegendNames(svg));
        Assert.Throws<ArgumentException>(() => SvgLineChart.Render([], "x", 1, 1, "empty"));
    }

    [Fact]
    public void TheRunReportIsOneSelfContainedPageStartingFromTheBaseModel()
    {
        var config = new TrainingRunConfig();
        var run = new RunInfo("grid <1>", RunStatus.Completed, config, 2, 2, 0.4, null, 0.6, null, null, 90, "u");
        IterationRecord[] iterations =
        [
            new() { Iteration = 1, RolloutSuccess = 0.5, Entropy = 0.8 },
            new() { Iteration = 2, RolloutSuccess = 0.75, Entropy = 0.6, ValidationSuccess = 0.6 },
        ];

        var html = RunHtmlReport.Render(run, iterations);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Run grid &lt;1&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Regex.Matches(html, "(src|href)=").Cast<Match>());
        // Validation success: the base model at iteration 0, then the measurement at iteration 2.
        Assert.Contains("points=\"48.0,140.8 624.0,99.2\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(html, "<svg ").Count);
    }

    private static List<string> LegendNames(string svg) =>
        LegendText().Matches(svg).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("text-anchor=\"start\">([^<]*)</text>")]
    private static partial Regex LegendText();
}
