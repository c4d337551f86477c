using AgentRL.Learning.Policy;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Policy;

public sealed class WeightAverageTests
{
    private static PolicyModel Tiny(ulong seed)
    {
        TorchRuntime.ManualSeed(seed);
        return new PolicyModel(PolicyConfig.Tiny(50) with { MaxSequenceLength = 32 });
    }

    private static Dictionary<string, float[]> Weights(PolicyModel model) =>
        model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());

    [Fact]
    public void EachUpdateKeepsTheDecaysShareOfTheAverageAndTakesTheRestFromTheLiveWeights()
    {
        using var live = Tiny(1);
        using var other = Tiny(2);
        var first = Weights(live);
        using var average = new WeightAverage(live, decay: 0.75);
        Assert.Equal(first, Weights(average.Model));

        // The average is its own copy: training the live model moves it only at the next update.
        live.LoadStateDict(other.StateDict());
        Assert.Equal(first, Weights(average.Model));
        average.Update();
        var second = Weights(other);
        foreach (var (name, values) in Weights(average.Model))
        {
            var expected = first[name].Zip(second[name], (a, b) => 0.75f * a + 0.25f * b).ToArray();
            Assert.Equal(expected, values, (x, y) => Math.Abs(x - y) < 1e-6f);
        }
    }

    [Fact]
    public void ZeroDecayCopiesTheLiveWeights()
    {
        using var live = Tiny(1);
        using var average = new WeightAverage(live, decay: 0);
        using var other = Tiny(2);

        live.LoadStateDict(other.StateDict());
        average.Update();

        Assert.Equal(Weights(other), Weights(average.Model));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ADecayOutsideZeroToOneIsRefused(double decay)
    {
        using var live = Tiny(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAverage(live, decay));
    }
}
