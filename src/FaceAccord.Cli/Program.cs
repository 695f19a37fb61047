using FaceAccord.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
