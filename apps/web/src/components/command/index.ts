export * from './command-api.ts';
export { GridMap } from './GridMap.tsx';
export { CitizenPhotos, CommandLinks, CommandSourceLink, ConvertPanel, type CommandLink } from './ConvertPanel.tsx';
export { ResponseStatsPanel } from './ResponseStatsPanel.tsx';
