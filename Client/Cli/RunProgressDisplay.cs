using System.Globalization;
using AgentRL.Grains.Training;

namespace AgentRL.Cli;

/// <summary>
/// Shows a run's live updates: on a terminal, one line redrawn in place with a progress bar; otherwise (a pipe, a log
/// file, CI) one plain line per update.
/// </summary>
internal sealed class RunProgressDisplay(TextWriter output, bool interactive)
{
    private const int BarWidth = 24;
    private bool _lineOpen;

    public void Show(RunUpdate update)
    {
        var run = update.Run;
        var text = Describe(update);
        if (!interactive)
        {
            output.WriteLine(text);
            return;
        }

        var total = Math.Max(1, run.Config?.Iterations ?? 1);
        var filled = (int)Math.Round(BarWidth * Math.Min(1.0, (double)run.Iteration / total));
        var line = $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {text}";
        var width = Math.Max(40, SafeWindowWidth() - 1);
        output.Write('\r' + (line.Length > width ? line[..width] : line.PadRight(width)));
        _lineOpen = true;

        // Milestones stay on screen; iteration lines overwrite each other.
        if (!update.Message.StartsWith("iteration", StringComparison.Ordinal))
        {
            EndLine();
        }
    }

    public void EndLine()
    {
        if (_lineOpen)
        {
            output.WriteLine();
            _lineOpen = false;
        }
    }

    private static string Describe(RunUpdate update)
    {
        var run = update.Run;
        if (run.Latest is not { } latest || !update.Message.StartsWith("iteration", StringComparison.Ordinal))
        {
            return update.Message;
        }

        var validation = run.LatestValidationSuccess is { } v ? $", validation {v:P0}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{update.Message}: rollout success {latest.RolloutSuccess:P0}{validation}, entropy {latest.Entropy:F2}, {latest.TrainingSeconds / 60:F1} min");
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
