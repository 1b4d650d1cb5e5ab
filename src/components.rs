//! Reusable pieces of the views. None of them matches or evaluates anything: they
//! show what the engine computed.

pub mod action_finder;
pub mod check_picker;
pub mod check_results;
pub mod cloudpc_picker;
pub mod containment;
pub mod copy_block;
pub mod download_buttons;
pub mod exercise_loader;
pub mod export_panel;
pub mod import_box;
pub mod intune_picker;
pub mod link_banner;
pub mod lint_panel;
pub mod nav;
pub mod notice;
pub mod op_groups;
pub mod pattern_list;
pub mod reasons;
pub mod remote_actions;
pub mod rich;
pub mod risk_profile;
pub mod role_evidence;
pub mod role_picker;
pub mod role_timeline;
pub mod scope_grid;
pub mod status;
pub mod storage_banner;
pub mod tag_admins;
pub mod tag_choice;
pub mod tag_editor;
pub mod tag_list;
pub mod tag_objects;
pub mod training_banner;
pub mod virtual_list;
pub mod visibility_detail;
