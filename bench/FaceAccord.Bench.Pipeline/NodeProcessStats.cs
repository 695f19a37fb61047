namespace FaceAccord.Bench.Pipeline;

/// <summary>What bench/pipeline/process-stats.js records as a Node process exits: its peak memory, life time and load.</summary>
public sealed record NodeProcessStats(double MaxRssKiB, double UptimeSeconds, double? LoadAverageAtStart);
