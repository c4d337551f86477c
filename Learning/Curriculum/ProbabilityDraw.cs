using AgentRL.Environments.Generation;

namespace AgentRL.Learning.Curriculum;

/// <summary>One draw from a list of probabilities (summing to 1) with one uniform number; the last index takes any rounding left over.</summary>
internal static class ProbabilityDraw
{
    public static int Index(IReadOnlyList<double> probabilities, DeterministicRandom random)
    {
        var draw = random.NextDouble();
        var index = 0;
        while (index < probabilities.Count - 1 && draw >= probabilities[index])
        {
            draw -= probabilities[index++];
        }

        return index;
    }
}
