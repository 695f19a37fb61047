global using FaceAccord.Core;
