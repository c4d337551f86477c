namespace AgentRL.Torch;

/// <summary>How a loss combines per-element values; the numeric codes are libtorch's.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
