namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>Compares doubles within an absolute tolerance, for asserting whole arrays of computed advantages.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double value) => 0;
}
