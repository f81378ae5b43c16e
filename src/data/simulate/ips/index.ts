export { simulateIpsTrial, type IpsTrial, type IpsParticipant } from './simulate.ts';
export { ipsOptions, ipsModel, ipsStatuses, IPS_DEFAULT_SEED, type IpsSimulationOptions, type IpsStatus, type IpsSite } from './options.ts';
export { compileModel, simulatePath, pieceAt, type MultiStateModel, type TransitionSpec, type Piece } from './multi-state.ts';
export { generateIps, ipsRecipe, ipsHeader } from './write.ts';
