namespace AgentRL.Learning.Evaluation;

/// <summary>Success rate, mean score and pass@k of a policy on a split.</summary>
public sealed record EvaluationReport(string Environment, int Tasks, int SamplesPerTask, double SuccessRate, double MeanScore, IReadOnlyDictionary<int, double> PassAtK);
