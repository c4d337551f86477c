using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentRL.Grains.Training;

namespace AgentRL.Client.Reports;

/// <summary>
/// A run's iterations as <c>metrics.jsonl</c> (one JSON object per iteration) and <c>metrics.csv</c>; the estimator's
/// diagnostics (such as OPRL's <c>prm_pair_accuracy</c>) follow the fixed columns, in name order.
/// </summary>
public static class RunMetricsFiles
{
    private static readonly string[] Columns =
    [
        "iteration", "policy_version", "rollout_success", "rollout_score", "mean_turns", "trained", "loss", "kl_to_reference",
        "entropy", "clip_fraction", "validation_success", "validation_score", "rollout_seconds", "learner_seconds", "training_seconds", "retries",
    ];

    public static void Write(string folder, IReadOnlyList<IterationRecord> iterations)
    {
        Directory.CreateDirectory(folder);
        var diagnostics = iterations.SelectMany(r => r.Diagnostics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = Columns.Concat(diagnostics).ToList();
        var jsonl = new StringBuilder();
        var csv = new StringBuilder().AppendLine(string.Join(',', columns));
        foreach (var record in iterations)
        {
            var values = Values(record).Concat(diagnostics.Select(d => record.Diagnostics.TryGetValue(d, out var v) ? (object?)v : null)).ToList();
            jsonl.AppendLine(JsonSerializer.Serialize(columns.Zip(values).ToDictionary(p => p.First, p => p.Second)));
            csv.AppendLine(string.Join(',', values.Select(v => v is null ? "" : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        File.WriteAllText(Path.Combine(folder, "metrics.jsonl"), jsonl.ToString());
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), csv.ToString());
    }

    private static object?[] Values(IterationRecord r) =>
    [
        r.Iteration, r.PolicyVersion, r.RolloutSuccess, r.RolloutScore, r.MeanTurns, r.Trained, r.Loss, r.KlToReference,
        r.Entropy, r.ClipFraction, r.ValidationSuccess, r.ValidationScore, r.RolloutSeconds, r.LearnerSeconds, r.TrainingSeconds, r.Retries,
    ];
}
