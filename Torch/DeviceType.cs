namespace AgentRL.Torch;

public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}
