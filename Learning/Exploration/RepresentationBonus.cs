using System.Globalization;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// The elliptical representation bonus as reward shaping for any algorithm. Each turn's feature φ(s, a)
/// (<see cref="ActionFeatures"/>) is centred on its group's mean feature and joins Σ; then a rollout's bonus is the mean
/// over its turns of φ̃ᵀ Σ⁻¹ φ̃, and its score becomes score + coefficient × bonus before the advantage estimator sees it.
/// Groups without a success keep their scores (by default; an update with no success at all is left alone entirely).
/// Counting this update's own features in Σ first keeps every
/// bonus in [0, 1) (a leverage score: near 1 for a direction nothing else covers, near 0 for a well-trodden one), so the
/// first update after a fresh start is not swamped by bonuses of size |φ|²/λ.
/// </summary>
public sealed class RepresentationBonus
{
    private const string FileName = "representation-bonus.bin";
    private const int FormatVersion = 1;
    private readonly ActionFeatures _features;

    public RepresentationBonus(PolicyModel frozenModel, int paddingToken, RepresentationBonusOptions? options = null)
    {
        Options = options ?? new RepresentationBonusOptions();
        Options.Validate();
        _features = new ActionFeatures(frozenModel, Options.Dimension, paddingToken, Options.Seed);
        Bonus = new EllipticalBonus(Options.Dimension, Options.Lambda);
    }

    public RepresentationBonusOptions Options { get; }

    public EllipticalBonus Bonus { get; private set; }

    /// <summary>The groups with shaped scores (same order and turns), and diagnostics: the mean bonus and how many groups got it.</summary>
    public (IReadOnlyList<IReadOnlyList<Trajectory>> Groups, IReadOnlyDictionary<string, double> Diagnostics) Shape(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (Options.OnlyGroupsWithSuccess && !groups.Any(g => g.Any(t => t.Success)))
        {
            // Nothing to shape: skip the frozen model's pass over every turn (as costly as the KL reference's). Σ so
            // counts the features of the updates the bonus shapes.
            return (groups, new Dictionary<string, double> { ["bonus_mean"] = 0, ["bonus_groups"] = 0 });
        }

        var turns = groups.SelectMany(g => g.SelectMany(t => t.Turns)).Where(t => t.ActionTokens.Length > 0).ToList();
        var features = turns.Count == 0 ? [] : _features.Compute(turns.Select(t => t.ContextTokens).ToList(), turns.Select(t => t.ActionTokens).ToList());
        var next = 0;
        var centred = new List<List<List<double[]>>>(groups.Count);
        var shaped = new List<IReadOnlyList<Trajectory>>(groups.Count);
        var (bonuses, shapedGroups) = (new List<double>(), 0);
        foreach (var group in groups)
        {
            var perRollout = new List<List<double[]>>(group.Count);
            foreach (var rollout in group)
            {
                var count = rollout.Turns.Count(u => u.ActionTokens.Length > 0);
                perRollout.Add(features.Skip(next).Take(count).ToList());
                next += count;
            }

            var groupFeatures = perRollout.SelectMany(f => f).ToList();
            var mean = new double[Options.Dimension];
            foreach (var f in groupFeatures)
            {
                for (var i = 0; i < mean.Length; i++)
                {
                    mean[i] += f[i] / groupFeatures.Count;
                }
            }

            centred.Add(perRollout.Select(fs => fs.Select(f => f.Select((v, i) => v - mean[i]).ToArray()).ToList()).ToList());
        }

        foreach (var feature in centred.SelectMany(g => g.SelectMany(r => r)))
        {
            Bonus.Add(feature);
        }

        for (var g = 0; g < groups.Count; g++)
        {
            if (Options.OnlyGroupsWithSuccess && !groups[g].Any(t => t.Success))
            {
                shaped.Add(groups[g]);
                continue;
            }

            shapedGroups++;
            shaped.Add(groups[g].Select((t, r) =>
            {
                var bonus = centred[g][r].Count == 0 ? 0 : centred[g][r].Average(f => Bonus.Bonus(f));
                bonuses.Add(bonus);
                return t with { Score = t.Score + (Options.Coefficient * bonus) };
            }).ToList());
        }

        return (shaped, new Dictionary<string, double>
        {
            ["bonus_mean"] = bonuses.Count == 0 ? 0 : bonuses.Average(),
            ["bonus_groups"] = shapedGroups,
        });
    }

    /// <summary>Writes Σ⁻¹ and the feature count into <paramref name="folder"/> (with the learner's checkpoint).</summary>
    public void Save(string folder)
    {
        using var writer = new BinaryWriter(File.Create(Path.Combine(folder, FileName)));
        writer.Write(FormatVersion);
        writer.Write(Bonus.Dimension);
        writer.Write(Bonus.Lambda);
        writer.Write(Bonus.Count);
        foreach (var value in Bonus.Inverse)
        {
            writer.Write(value);
        }
    }

    /// <summary>Reads back what <see cref="Save"/> wrote; a missing, foreign or truncated file fails with <see cref="InvalidDataException"/>.</summary>
    public void Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{folder}' has no {FileName}: it holds no saved representation bonus.");
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var (version, dimension, lambda, count) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt64());
            if (version != FormatVersion || dimension != Options.Dimension || lambda != Options.Lambda || count < 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"'{path}' holds a bonus of dimension {dimension} and λ {lambda} (format {version}); this run uses dimension {Options.Dimension} and λ {Options.Lambda}."));
            }

            var inverse = new double[dimension * dimension];
            for (var i = 0; i < inverse.Length; i++)
            {
                inverse[i] = reader.ReadDouble();
            }

            Bonus = new EllipticalBonus(dimension, lambda, inverse, count);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' is truncated or corrupt: {e.Message}", e);
        }
    }
}
