using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tests.Reinforcement;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Exploration;

public sealed class RepresentationBonusTests
{
    [Fact]
    public void TheEllipticalBonusEqualsADirectMatrixInverseComputation()
    {
        const int d = 5;
        const double lambda = 0.01;
        var random = new DeterministicRandom(3);
        double[] Feature() => Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        var bonus = new EllipticalBonus(d, lambda);
        var added = Enumerable.Range(0, 12).Select(_ => Feature()).ToList();
        foreach (var f in added)
        {
            bonus.Add(f);
        }

        // Σ = λI + Σ φφᵀ, inverted by Gauss–Jordan elimination.
        var sigma = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            sigma[i, i] = lambda;
            foreach (var f in added)
            {
                for (var j = 0; j < d; j++)
                {
                    sigma[i, j] += f[i] * f[j];
                }
            }
        }

        var inverse = Invert(sigma);
        for (var probe = 0; probe < 4; probe++)
        {
            var phi = Feature();
            var direct = 0.0;
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    direct += phi[i] * inverse[i, j] * phi[j];
                }
            }

            Assert.Equal(direct, bonus.Bonus(phi), direct * 1e-9);
        }

        Assert.Equal(12, bonus.Count);
        Assert.Throws<ArgumentException>(() => bonus.Bonus(new double[d + 1]));
    }

    [Fact]
    public void TheSpannerTakesLinearlyIndependentDirectionsBeforeDuplicates()
    {
        double[][] features =
        [
            [1, 0, 0],
            [1.01, 0, 0],
            [0, 1, 0],
            [0.01, 0.99, 0],
            [0, 0, 0.9],
            [0.7, 0.7, 0],
        ];

        var chosen = SpannerSelection.Select(features, 6);

        // The longest first, then the other two axes; everything after lies in their span.
        Assert.Equal([1, 2, 4], chosen.Take(3));
        Assert.Equal(6, chosen.Distinct().Count());
        Assert.Equal([1, 2], SpannerSelection.Select(features, 2));
        Assert.Empty(SpannerSelection.Select(features, 0));
    }

    [Fact]
    public void ShapingAddsTheCentredBonusInGroupsWithASuccessOnly()
    {
        TorchRuntime.ManualSeed(11);
        using var frozen = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        frozen.Eval();
        var padding = LearningFixture.Tokenizer.Special.Padding;
        var options = new RepresentationBonusOptions { Coefficient = 0.5, Dimension = 8 };
        var shaping = new RepresentationBonus(frozen, padding, options);
        var context = LearningFixture.Context();
        Trajectory Rollout(string word, double score, bool success) => new("echo", 1, 0,
            [new Turn(context.Build([], context.Encode("Say the word: alpha.")), context.Tokenizer.Encode(word), [], word, "", 0, true, "c")], score, success, 0);
        IReadOnlyList<Trajectory> withSuccess = [Rollout("alpha", 1, true), Rollout("beta", 0, false), Rollout("gamma delta", 0, false)];
        IReadOnlyList<Trajectory> without = [Rollout("beta", 0, false), Rollout("delta", 0, false), Rollout("alpha beta", 0, false)];

        var (groups, diagnostics) = shaping.Shape([withSuccess, without]);

        // By hand: each group's features centred on the group's mean all join Σ = λI + Σ φ̃φ̃ᵀ; then the bonus of each
        // rollout of the group with a success is φ̃ᵀ Σ⁻¹ φ̃ of its one turn.
        var extractor = new ActionFeatures(frozen, 8, padding, options.Seed);
        List<double[]> Centred(IReadOnlyList<Trajectory> group)
        {
            var features = extractor.Compute(group.Select(t => t.Turns[0].ContextTokens).ToList(), group.Select(t => t.Turns[0].ActionTokens).ToList());
            var mean = Enumerable.Range(0, 8).Select(i => features.Average(f => f[i])).ToArray();
            return features.Select(f => f.Select((v, i) => v - mean[i]).ToArray()).ToList();
        }

        var (first, second) = (Centred(withSuccess), Centred(without));
        var direct = new EllipticalBonus(8, options.Lambda);
        foreach (var f in first.Concat(second))
        {
            direct.Add(f);
        }

        var expected = withSuccess.Select((t, r) => t.Score + (0.5 * direct.Bonus(first[r]))).ToList();
        Assert.Equal(expected, groups[0].Select(t => t.Score), new ToleranceComparer(1e-4));
        Assert.All(first, f => Assert.InRange(direct.Bonus(f), 0, 1));
        Assert.True(groups[0][1].Score > 0);
        Assert.Same(without, groups[1]);
        Assert.Equal(1, diagnostics["bonus_groups"]);
        Assert.Equal(6, shaping.Bonus.Count);

        // An update without any success is left as it is, and Σ does not change.
        var (unshaped, quiet) = shaping.Shape([without]);
        Assert.Same(without, unshaped[0]);
        Assert.Equal((0.0, 6L), (quiet["bonus_groups"], shaping.Bonus.Count));

        // The same features again earn less: they are in Σ now.
        var (again, _) = shaping.Shape([withSuccess]);
        Assert.All(again[0].Zip(groups[0]), pair => Assert.True(pair.First.Score < pair.Second.Score));
    }

    [Fact]
    public void TheBonusSurvivesASaveAndACorruptFileFailsClearly()
    {
        TorchRuntime.ManualSeed(11);
        using var frozen = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        var padding = LearningFixture.Tokenizer.Special.Padding;
        var options = new RepresentationBonusOptions { Dimension = 4 };
        var shaping = new RepresentationBonus(frozen, padding, options);
        shaping.Bonus.Add([1, 2, 3, 4]);
        shaping.Bonus.Add([0, 1, 0, 1]);
        var folder = Directory.CreateTempSubdirectory("bonus").FullName;
        try
        {
            shaping.Save(folder);
            var loaded = new RepresentationBonus(frozen, padding, options);
            loaded.Load(folder);
            Assert.Equal(shaping.Bonus.Inverse, loaded.Bonus.Inverse);
            Assert.Equal(2, loaded.Bonus.Count);

            Assert.Throws<InvalidDataException>(() => new RepresentationBonus(frozen, padding, options with { Dimension = 8 }).Load(folder));
            var file = Directory.GetFiles(folder).Single();
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..40]);
            var error = Assert.Throws<InvalidDataException>(() => loaded.Load(folder));
            Assert.Contains("corrupt", error.Message);
            Assert.Equal(2, loaded.Bonus.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double[,] Invert(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = 1;
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = Enumerable.Range(column, n - column).MaxBy(r => Math.Abs(a[r, column]));
            for (var j = 0; j < n; j++)
            {
                (a[column, j], a[pivot, j]) = (a[pivot, j], a[column, j]);
                (inverse[column, j], inverse[pivot, j]) = (inverse[pivot, j], inverse[column, j]);
            }

            var scale = a[column, column];
            for (var j = 0; j < n; j++)
            {
                a[column, j] /= scale;
                inverse[column, j] /= scale;
            }

            for (var r = 0; r < n; r++)
            {
                if (r != column && a[r, column] is var factor && factor != 0)
                {
                    for (var j = 0; j < n; j++)
                    {
                        a[r, j] -= factor * a[column, j];
                        inverse[r, j] -= factor * inverse[column, j];
                    }
                }
            }
        }

        return inverse;
    }
}
