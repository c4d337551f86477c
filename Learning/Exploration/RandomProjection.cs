using AgentRL.Environments.Generation;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// A fixed Gaussian random projection from the model's width to a small feature dimension (entries N(0, 1/d)): it keeps
/// distances roughly (Johnson–Lindenstrauss) while making the bonus's d×d matrix cheap. Deterministic in its seed.
/// </summary>
public sealed class RandomProjection
{
    private readonly double[] _matrix;

    public RandomProjection(int inputDimension, int outputDimension, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDimension, 1);
        (InputDimension, OutputDimension) = (inputDimension, outputDimension);
        var random = new DeterministicRandom(seed);
        var scale = 1 / Math.Sqrt(outputDimension);
        _matrix = new double[inputDimension * outputDimension];
        for (var i = 0; i < _matrix.Length; i++)
        {
            // Box–Muller: two uniforms give one standard normal (1 − u keeps the logarithm finite).
            var (u, v) = (1 - random.NextDouble(), random.NextDouble());
            _matrix[i] = scale * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        }
    }

    public int InputDimension { get; }

    public int OutputDimension { get; }

    public double[] Project(ReadOnlySpan<float> input)
    {
        if (input.Length != InputDimension)
        {
            throw new ArgumentException($"The projection takes vectors of dimension {InputDimension}, not {input.Length}.", nameof(input));
        }

        var output = new double[OutputDimension];
        for (var i = 0; i < InputDimension; i++)
        {
            var x = input[i];
            var row = i * OutputDimension;
            for (var j = 0; j < OutputDimension; j++)
            {
                output[j] += x * _matrix[row + j];
            }
        }

        return output;
    }
}
