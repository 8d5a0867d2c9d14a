// Rocket.Chat's `Accounts_Default_User_Preferences_*` defaults, which /me merges under the user's own preferences.

/**
 * apps/meteor/server/settings/accounts.ts, section `Accounts_Default_User_Preferences`, in its order: the
 * prefix-less key and the registered default. Roster does not store these as settings (nothing but /me reads
 * them), so an admin cannot change them; getUserInfo's answer with the defaults untouched is what this gives.
 */
export const DEFAULT_USER_PREFERENCES: Readonly<
  Record<string, string | number | boolean | readonly string[]>
> = {
  enableAutoAway: true,
  idleTimeLimit: 300,
  desktopNotificationRequireInteraction: false,
  desktopNotifications: 'all',
  pushNotifications: 'all',
  unreadAlert: true,
  useEmojis: true,
  convertAsciiEmoji: true,
  autoImageLoad: true,
  saveMobileBandwidth: true,
  collapseMediaByDefault: false,
  hideUsernames: false,
  hideRoles: false,
  hideFlexTab: false,
  displayAvatars: true,
  sidebarGroupByType: true,
  themeAppearence: 'auto',
  sidebarViewMode: 'medium',
  sidebarDisplayAvatar: true,
  sidebarShowUnread: false,
  sidebarSortby: 'activity',
  showThreadsInMainChannel: false,
  alsoSendThreadToChannel: 'default',
  sidebarShowFavorites: true,
  sendOnEnter: 'normal',
  emailNotificationMode: 'mentions',
  newRoomNotification: 'door',
  newMessageNotification: 'chime',
  muteFocusedConversations: true,
  notificationsSoundVolume: 100,
  omnichannelTranscriptEmail: false,
  notifyCalendarEvents: true,
  enableMobileRinging: true,
  sidebarSectionsOrder: [
    'Incoming_Calls',
    'Incoming_Livechats',
    'Open_Livechats',
    'On_Hold_Chats',
    'Unread',
    'Favorites',
    'Teams',
    'Discussions',
    'Channels',
    'Direct_Messages',
    'Conversations',
  ],
  featuresPreview: '[]',
};
