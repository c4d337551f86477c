using System.Text;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement.Archer;

/// <summary>
/// ArCHer's replay buffer of utterance transitions: a ring that overwrites its oldest transition once full (the oldest
/// came from the policy furthest from today's), sampled uniformly. It is saved with the learner's checkpoints.
/// </summary>
public sealed class ReplayBuffer
{
    private const string Magic = "AGENTRL-REPLAY-1";
    // Far above any context a preset can hold: a longer length in a file means the file is corrupt.
    private const int MaxTokens = 1 << 16;
    private readonly List<UtteranceTransition> _items = [];
    private int _oldest;

    public ReplayBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _items.Count;

    /// <summary>Transitions ever added, overwritten ones included.</summary>
    public long Added { get; private set; }

    public UtteranceTransition this[int index] => _items[index];

    public void Add(UtteranceTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (_items.Count < Capacity)
        {
            _items.Add(transition);
        }
        else
        {
            _items[_oldest] = transition;
            _oldest = (_oldest + 1) % Capacity;
        }

        Added++;
    }

    /// <summary>Every turn of <paramref name="trajectory"/> that wrote an action, as a transition to the next turn's context.</summary>
    public void AddTrajectory(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var turns = trajectory.Turns;
        for (var t = 0; t < turns.Count; t++)
        {
            if (turns[t].ActionTokens.Length > 0)
            {
                Add(new UtteranceTransition(turns[t].ContextTokens, turns[t].ActionTokens, turns[t].Reward, t + 1 < turns.Count ? turns[t + 1].ContextTokens : null));
            }
        }
    }

    /// <summary><paramref name="count"/> transitions drawn uniformly with replacement.</summary>
    public IReadOnlyList<UtteranceTransition> Sample(int count, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_items.Count == 0)
        {
            throw new InvalidOperationException("The replay buffer is empty.");
        }

        return Enumerable.Range(0, count).Select(_ => _items[random.Next(_items.Count)]).ToList();
    }

    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(Capacity);
        writer.Write(_oldest);
        writer.Write(Added);
        writer.Write(_items.Count);
        foreach (var item in _items)
        {
            WriteTokens(writer, item.State);
            WriteTokens(writer, item.Action);
            writer.Write(item.Reward);
            writer.Write(item.NextState is not null);
            if (item.NextState is not null)
            {
                WriteTokens(writer, item.NextState);
            }
        }
    }

    /// <summary>Loads what <see cref="Save"/> wrote; a truncated or corrupt file fails with <see cref="InvalidDataException"/>.</summary>
    public static ReplayBuffer Load(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"'{path}' is not an AgentRL replay buffer.");
            }

            var capacity = reader.ReadInt32();
            var oldest = reader.ReadInt32();
            var added = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (capacity < 1 || count < 0 || count > capacity || oldest < 0 || oldest >= capacity || added < count)
            {
                throw new InvalidDataException($"'{path}' has an inconsistent header (capacity {capacity}, count {count}, oldest {oldest}, added {added}).");
            }

            var buffer = new ReplayBuffer(capacity) { _oldest = oldest, Added = added };
            for (var i = 0; i < count; i++)
            {
                var state = ReadTokens(reader, path);
                var action = ReadTokens(reader, path);
                var reward = reader.ReadDouble();
                var next = reader.ReadBoolean() ? ReadTokens(reader, path) : null;
                buffer._items.Add(new UtteranceTransition(state, action, reward, next));
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new InvalidDataException($"'{path}' has bytes after its last transition.");
            }

            return buffer;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' ends in the middle of a transition: the replay buffer is truncated.");
        }
    }

    private static void WriteTokens(BinaryWriter writer, int[] tokens)
    {
        writer.Write(tokens.Length);
        foreach (var token in tokens)
        {
            writer.Write(token);
        }
    }

    private static int[] ReadTokens(BinaryReader reader, string path)
    {
        var length = reader.ReadInt32();
        if (length is < 0 or > MaxTokens)
        {
            throw new InvalidDataException($"'{path}' holds a token sequence of length {length}: the replay buffer is corrupt.");
        }

        var tokens = new int[length];
        for (var i = 0; i < length; i++)
        {
            tokens[i] = reader.ReadInt32();
        }

        return tokens;
    }
}
