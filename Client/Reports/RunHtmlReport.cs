using System.Globalization;
using System.Net;
using System.Text;
using AgentRL.Grains.Training;

namespace AgentRL.Client.Reports;

/// <summary>
/// A self-contained HTML page for a run: its configuration, headline figures and learning curves drawn as inline SVG
/// (no scripts, no external files), so it opens in any browser, offline.
/// </summary>
public static class RunHtmlReport
{
    public static string Write(string folder, RunInfo run, IReadOnlyList<IterationRecord> iterations)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "report.html");
        File.WriteAllText(path, Render(run, iterations));
        return path;
    }

    public static string Render(RunInfo run, IReadOnlyList<IterationRecord> iterations)
    {
        var validation = iterations.Where(i => i.ValidationSuccess is not null).Select(i => (X: (double)i.Iteration, Y: i.ValidationSuccess!.Value)).ToList();
        if (run.BaseSuccess is { } baseSuccess)
        {
            validation.Insert(0, (0, baseSuccess));
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AgentRL run ").Append(Encode(run.RunId)).Append("</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left}")
            .Append("th{color:#555;font-weight:normal}svg{border:1px solid #ddd;margin:8px 0}</style></head><body>");
        html.Append("<h1>Run ").Append(Encode(run.RunId)).Append("</h1><table>");
        Row(html, "status", run.Status.ToString() + (run.Message is null ? "" : $" ({run.Message})"));
        if (run.Config is { } config)
        {
            Row(html, "environment", config.Environment);
            Row(html, "algorithm", config.Algorithm);
            Row(html, "model preset", config.Preset);
            Row(html, "episodes per iteration", $"{config.TasksPerIteration} tasks × {config.GroupSize}");
            Row(html, "base model", $"{config.Demonstrations} demonstrations, action noise {Format(config.ActionNoise)}" +
                (config.DaggerRounds > 0 ? $", {config.DaggerRounds} DAgger round(s) of {config.DaggerEpisodes} episodes" : ""));
        }

        Row(html, "iterations", run.Iteration.ToString(CultureInfo.InvariantCulture));
        Row(html, "training time", $"{run.TrainingSeconds / 60:F1} min");
        Row(html, "base validation success", run.BaseSuccess is { } b ? $"{b:P0}" : "–");
        Row(html, "latest validation success", run.LatestValidationSuccess is { } v ? $"{v:P0}" : "–");
        html.Append("</table>");

        html.Append("<h2>Validation success</h2>").Append(Chart(validation, 0, 1, "success"));
        html.Append("<h2>Rollout success</h2>").Append(Chart(iterations.Select(i => ((double)i.Iteration, i.RolloutSuccess)).ToList(), 0, 1, "success"));
        var entropy = iterations.Select(i => ((double)i.Iteration, i.Entropy)).ToList();
        html.Append("<h2>Entropy of the policy (nats per action token)</h2>").Append(Chart(entropy, 0, Math.Max(1e-6, entropy.Select(p => p.Item2).DefaultIfEmpty(1).Max()), "entropy"));
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>One blue line over the iterations.</summary>
    private static string Chart(IReadOnlyList<(double X, double Y)> points, double minY, double maxY, string label) =>
        SvgLineChart.Render([new ChartSeries(label, points)], "iteration", minY, maxY, $"{label} by iteration");

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
