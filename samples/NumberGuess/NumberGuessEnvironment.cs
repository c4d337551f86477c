using AgentRL.Environments;

namespace AgentRL.Samples.NumberGuess;

/// <summary>
/// Guess a secret number between 1 and 100; after each guess the environment says "too low" or "too high".
/// A complete plug-in environment: deterministic tasks, lenient action parsing, penalties for invalid actions,
/// snapshots, cell keys, a valid-action list, a binary-search expert and a ground truth.
/// </summary>
public sealed class NumberGuessEnvironment : IEnvironment
{
    private const int Lowest = 1;
    private const int Highest = 100;
    private const int StepLimit = 10;
    private const double InvalidActionPenalty = -0.1;
    private const byte SnapshotVersion = 1;

    private int _taskId = -1;
    private int _secret;
    private int _low;
    private int _high;
    private int _steps;
    private bool _done;
    private bool _solved;

    public string Name => "number-guess";

    public TaskSplits Splits { get; } = new(2_000, 500, 500);

    public string? GroundTruth => _taskId < 0 ? null : _secret.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the agent knows: the range the secret must be in.</summary>
    public string CellKey => $"{_low}-{_high}";

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        if (taskId < 0 || taskId >= Splits.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(taskId), taskId, $"Task ids run from 0 to {Splits.Count - 1}.");
        }

        // The secret depends on the task only; this game has no per-episode randomness.
        _taskId = taskId;
        _secret = Lowest + (int)((uint)(taskId * 2654435761u) % Highest);
        (_low, _high, _steps, _done, _solved) = (Lowest, Highest, 0, false, false);
        return Observe($"I am thinking of a number between {Lowest} and {Highest}. Guess it: say \"guess N\".", 0, valid: true);
    }

    public EnvironmentStep Step(string action)
    {
        if (_taskId < 0 || _done)
        {
            throw new InvalidOperationException(_taskId < 0 ? "Call Reset first." : "The game is over; call Reset.");
        }

        _steps++;
        var text = ActionText.Normalize(action);
        if (text is null || !text.StartsWith("guess ", StringComparison.Ordinal) ||
            !int.TryParse(text.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var guess) ||
            guess < Lowest || guess > Highest)
        {
            _done = _steps >= StepLimit;
            return Observe($"Invalid action: {ActionText.Describe(action)}. Say \"guess N\" with N from {Lowest} to {Highest}.", InvalidActionPenalty, valid: false);
        }

        if (guess == _secret)
        {
            (_done, _solved) = (true, true);
            return Observe($"{guess} is right!", Score, valid: true);
        }

        if (guess < _secret)
        {
            _low = Math.Max(_low, guess + 1);
        }
        else
        {
            _high = Math.Min(_high, guess - 1);
        }

        _done = _steps >= StepLimit;
        return Observe($"{guess} is too {(guess < _secret ? "low" : "high")}.", 0, valid: true);
    }

    /// <summary>Binary search over what the feedback so far allows.</summary>
    public string? ExpertAction() => _done || _taskId < 0 ? null : $"guess {(_low + _high) / 2}";

    public IReadOnlyList<string>? ValidActions() =>
        Enumerable.Range(Lowest, Highest - Lowest + 1).Select(n => $"guess {n}").ToList();

    public byte[] Snapshot() => SnapshotFormat.Write(Name, SnapshotVersion, writer =>
    {
        writer.WriteVarInt32(_taskId);
        writer.WriteVarInt32(_low);
        writer.WriteVarInt32(_high);
        writer.WriteVarInt32(_steps);
        writer.WriteBoolean(_done);
        writer.WriteBoolean(_solved);
    });

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, SnapshotVersion, (ref reader) =>
    {
        var taskId = reader.ReadVarInt32();
        Reset(taskId);
        _low = reader.ReadVarInt32();
        _high = reader.ReadVarInt32();
        _steps = reader.ReadVarInt32();
        _done = reader.ReadBoolean();
        _solved = reader.ReadBoolean();
    });

    private double Score => _solved ? 1.0 - 0.05 * (_steps - 1) : 0;

    private EnvironmentStep Observe(string message, double reward, bool valid)
    {
        var ending = _done && !_solved ? $" Out of guesses: it was {_secret}." : "";
        return new EnvironmentStep($"{message}{ending} ({StepLimit - _steps} guesses left)", reward, _done, new StepInfo(valid, _solved, Score, _steps));
    }
}
