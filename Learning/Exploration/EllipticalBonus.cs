namespace AgentRL.Learning.Exploration;

/// <summary>
/// The elliptical novelty bonus φᵀ Σ⁻¹ φ with Σ = λI + Σ_j φ_j φ_jᵀ over the features seen so far. Σ⁻¹ is kept directly
/// and updated by Sherman–Morrison for each added feature (O(d²) instead of a fresh O(d³) inverse), so a feature far
/// from everything seen scores high and one inside the span of many scores near zero.
/// </summary>
public sealed class EllipticalBonus
{
    private readonly double[] _inverse;

    public EllipticalBonus(int dimension, double lambda = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(lambda > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be positive.");
        }

        (Dimension, Lambda) = (dimension, lambda);
        _inverse = new double[dimension * dimension];
        for (var i = 0; i < dimension; i++)
        {
            _inverse[(i * dimension) + i] = 1 / lambda;
        }
    }

    /// <summary>Restores a bonus from <see cref="Inverse"/> and <see cref="Count"/> as they were saved.</summary>
    public EllipticalBonus(int dimension, double lambda, double[] inverse, long count)
        : this(dimension, lambda)
    {
        ArgumentNullException.ThrowIfNull(inverse);
        if (inverse.Length != dimension * dimension || inverse.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"A saved Σ⁻¹ of dimension {dimension} has {dimension * dimension} finite entries; this one has {inverse.Length}.", nameof(inverse));
        }

        inverse.CopyTo(_inverse, 0);
        Count = count;
    }

    public int Dimension { get; }

    public double Lambda { get; }

    /// <summary>Features added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Σ⁻¹, row-major (a copy).</summary>
    public double[] Inverse => (double[])_inverse.Clone();

    public double Bonus(ReadOnlySpan<double> feature)
    {
        CheckDimension(feature);
        var product = Multiply(feature);
        var bonus = 0.0;
        for (var i = 0; i < Dimension; i++)
        {
            bonus += feature[i] * product[i];
        }

        return bonus;
    }

    /// <summary>Σ ← Σ + φφᵀ, i.e. Σ⁻¹ ← Σ⁻¹ − (Σ⁻¹φ)(Σ⁻¹φ)ᵀ / (1 + φᵀΣ⁻¹φ) (Σ⁻¹ is symmetric).</summary>
    public void Add(ReadOnlySpan<double> feature)
    {
        CheckDimension(feature);
        var u = Multiply(feature);
        var denominator = 1.0;
        for (var i = 0; i < Dimension; i++)
        {
            denominator += feature[i] * u[i];
        }

        for (var i = 0; i < Dimension; i++)
        {
            var scaled = u[i] / denominator;
            var row = i * Dimension;
            for (var j = 0; j < Dimension; j++)
            {
                _inverse[row + j] -= scaled * u[j];
            }
        }

        Count++;
    }

    private double[] Multiply(ReadOnlySpan<double> feature)
    {
        var result = new double[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            var row = i * Dimension;
            var sum = 0.0;
            for (var j = 0; j < Dimension; j++)
            {
                sum += _inverse[row + j] * feature[j];
            }

            result[i] = sum;
        }

        return result;
    }

    private void CheckDimension(ReadOnlySpan<double> feature)
    {
        if (feature.Length != Dimension)
        {
            throw new ArgumentException($"The bonus works on features of dimension {Dimension}, not {feature.Length}.", nameof(feature));
        }
    }
}
